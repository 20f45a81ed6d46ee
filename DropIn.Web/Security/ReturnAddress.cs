using System.Text;

namespace DropIn.Web.Security;

/// <summary>
/// The one check of a return address (after sign-in, two-step set-up, confirming a password, the idle lock): only a
/// path on this site, so a link cannot send a member of staff elsewhere after they sign in (an open redirect).
/// </summary>
public static class ReturnAddress
{
    public const int MaxLength = 2000;

    /// <summary>
    /// <paramref name="candidate"/> when it is a local path, with any non-ASCII character percent-encoded (UTF-8) so it can
    /// travel in a <c>Location</c> header; otherwise "/". Like ASP.NET Core's <c>Url.IsLocalUrl</c>, "//host" and
    /// "/\host" are refused (browsers read both as another site), and stricter: so is any control, format or white-space
    /// character anywhere, because browsers drop tabs and line breaks from addresses ("/&lt;TAB&gt;/host" is "//host" to them;
    /// WHATWG URL standard, "basic URL parser").
    /// </summary>
    public static string LocalOrHome(string? candidate)
    {
        if (string.IsNullOrEmpty(candidate) || candidate.Length > MaxLength || candidate[0] != '/'
            || (candidate.Length > 1 && candidate[1] is '/' or '\\'))
        {
            return "/";
        }

        StringBuilder? encoded = null;
        for (var i = 0; i < candidate.Length; i++)
        {
            var c = candidate[i];
            if (char.IsControl(c) || char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
            {
                return "/";
            }

            if (c <= '~')
            {
                encoded?.Append(c);
                continue;
            }

            encoded ??= new StringBuilder(candidate, 0, i, candidate.Length + 16);
            if (char.IsSurrogate(c))
            {
                if (!char.IsSurrogatePair(candidate, i))
                {
                    return "/";
                }

                encoded.Append(Uri.EscapeDataString(candidate.AsSpan(i, 2)));
                i++;
            }
            else
            {
                encoded.Append(Uri.EscapeDataString(c.ToString()));
            }
        }

        return encoded?.ToString() ?? candidate;
    }
}
