using System.Net.Mail;

namespace DropIn.Domain.Cases;

/// <summary>
/// Who a student is, by their email: the one place that says when two addresses name the same student. Every identity
/// check (withdrawal of service, the booking limit, no-show counts, duplicates at registration, the conflict check
/// against recorded disputes, feedback permission, subject access) compares these keys, never the typed strings.
/// </summary>
/// <remarks>
/// The key is the address trimmed of surrounding spaces, lower-cased (university mail systems treat addresses
/// case-insensitively, although RFC 5321 §2.4 lets a local part be case-sensitive) and without a subaddress: the
/// "+tag" of <c>ab123+tag@cam.ac.uk</c> (RFC 5233) is delivered to <c>ab123@cam.ac.uk</c>, so it is the same student.
/// The address as typed is still what mail is sent to.
/// </remarks>
public static class UniversityEmail
{
    /// <summary>The key of <paramref name="email"/>; null when it is empty or blank.</summary>
    public static string? Key(string? email)
    {
        var address = email?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(address))
        {
            return null;
        }

        var at = address.LastIndexOf('@');
        var plus = at < 0 ? -1 : address.IndexOf('+', 0, at);
        return plus > 0 ? string.Concat(address.AsSpan(0, plus), address.AsSpan(at)) : address;
    }

    /// <summary>Whether two addresses name the same student; false when either is empty.</summary>
    public static bool Same(string? a, string? b) => Key(a) is { } key && key == Key(b);

    /// <summary>
    /// A university email address as a student typed it into a public form: trimmed, lower-cased and checked to be
    /// one address (RFC 5322 addr-spec, as <see cref="MailAddress"/> parses it) at one of <paramref name="allowedDomains"/>
    /// or a subdomain of one; empty <paramref name="allowedDomains"/> means any domain.
    /// </summary>
    /// <exception cref="RuleException">Not one address, longer than <paramref name="maxLength"/>, or at another domain; in words for the student.</exception>
    public static string Validated(string? email, IReadOnlyCollection<string> allowedDomains, int maxLength)
    {
        var address = email?.Trim().ToLowerInvariant() ?? "";
        if (address.Length > maxLength || !MailAddress.TryCreate(address, out var parsed) || parsed.Address != address)
        {
            throw new RuleException($"Enter your email address, like ab123@{allowedDomains.FirstOrDefault() ?? "cam.ac.uk"}.");
        }

        if (allowedDomains.Count > 0 && !allowedDomains.Any(d => address.EndsWith("@" + d, StringComparison.Ordinal) || address.EndsWith("." + d, StringComparison.Ordinal)))
        {
            throw new RuleException($"Use your university email address (ending {string.Join(" or ", allowedDomains.Select(d => "@" + d))}).");
        }

        return address;
    }
}
