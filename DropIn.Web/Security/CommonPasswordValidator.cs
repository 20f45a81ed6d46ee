using System.Collections.Frozen;
using DropIn.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace DropIn.Web.Security;

/// <summary>
/// Refuses well-known passwords and ones built from the account's own email or name (OWASP ASVS 5.0 §6.2): length
/// alone lets "password1234" through, and those are the first a guesser tries.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<StaffUser>
{
    private static readonly Lazy<FrozenSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            // The length rule reports an empty password.
            return Task.FromResult(IdentityResult.Success);
        }

        if (Common.Value.Contains(password.Trim()))
        {
            return Fail("CommonPassword", "That password is on a list of commonly used passwords. Choose another; a short phrase of several words works well.");
        }

        var plain = LettersAndDigits(password);
        var ownWords = new[] { user.Email?.Split('@')[0], user.UserName?.Split('@')[0], user.DisplayName }
            .Select(LettersAndDigits)
            .Where(w => w.Length >= 4);
        if (ownWords.Any(w => plain.Contains(w, StringComparison.Ordinal)))
        {
            return Fail("PasswordContainsName", "The password must not contain your name or email address.");
        }

        return Task.FromResult(IdentityResult.Success);
    }

    private static Task<IdentityResult> Fail(string code, string description) =>
        Task.FromResult(IdentityResult.Failed(new IdentityError { Code = code, Description = description }));

    private static string LettersAndDigits(string? text) =>
        new((text ?? "").Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("DropIn.Web.Security.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-passwords list is missing from the build.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                words.Add(line.Trim());
            }
        }

        return words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
