using System.Security.Claims;
using DropIn.Web.Components.Shared;
using DropIn.Web.Data;
using DropIn.Web.Security.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OtpNet;

namespace DropIn.Web.Security.TwoFactor;

/// <summary>
/// The second factor: an authenticator app (TOTP, RFC 6238: HMAC-SHA1, 30-second steps, 6 digits, computed by Otp.NET).
/// The key lives where Identity keeps it (the user tokens table, encrypted by <see cref="StaffUserStore"/>); this class
/// adds what Identity's own provider lacks, that each code is accepted once, which needs the time step a code matched.
/// </summary>
public sealed class TwoFactorService(UserManager<StaffUser> users, IDbContextFactory<DropInDbContext> dbFactory, AuditLog audit, TimeProvider clock, SignInSessions sessions)
{
    public const int RecoveryCodeCount = 10;
    private const string Issuer = "DropIn Student Advice";

    /// <summary>One 30-second step either side: a phone's clock a little out, or a code typed just as it changed (RFC 6238 5.2).</summary>
    private static readonly VerificationWindow Drift = new(previous: 1, future: 1);

    /// <summary>What the set-up page shows: the same key until it is confirmed, so a reload does not spoil a scanned code.</summary>
    public async Task<AuthenticatorSetup> SetupAsync(StaffUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            Check(await users.ResetAuthenticatorKeyAsync(user));
            key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key was stored.");
        }

        // Google's key URI format, which every authenticator app reads: otpauth://totp/Issuer:email?secret=...&issuer=...
        var uri = new OtpUri(OtpType.Totp, key, user.Email ?? user.UserName ?? user.Id, Issuer).ToString();
        return new AuthenticatorSetup(ForTyping(key), uri, QrCodes.Svg(uri));
    }

    /// <summary>Groups of four, lower case: easier to type into a phone than one 32-letter run (apps accept either).</summary>
    private static string ForTyping(string key) =>
        string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(chunk => new string(chunk)));

    /// <summary>Turns the second factor on after the first good code, and returns the recovery codes to show once.</summary>
    public async Task<IReadOnlyList<string>?> EnableAsync(StaffUser user, string code)
    {
        if (!await AcceptCodeAsync(user, code))
        {
            return null;
        }

        Check(await users.SetTwoFactorEnabledAsync(user, true));
        return [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
    }

    /// <summary>An authenticator code or, failing that, an unused recovery code (which is then spent).</summary>
    public async Task<SecondFactor?> VerifyAsync(StaffUser user, string code)
    {
        var trimmed = code.Trim();
        if (trimmed.Count(char.IsAsciiDigit) == 6 && trimmed.Length <= 7 && await AcceptCodeAsync(user, trimmed))
        {
            return SecondFactor.Authenticator;
        }

        return trimmed.Length > 0 && (await users.RedeemTwoFactorRecoveryCodeAsync(user, trimmed.Replace(" ", "", StringComparison.Ordinal))).Succeeded
            ? SecondFactor.RecoveryCode
            : null;
    }

    public Task<int> RecoveryCodesLeftAsync(StaffUser user) => users.CountRecoveryCodesAsync(user);

    /// <summary>Whether the signed-in person uses an authenticator app, and how many recovery codes they have left.</summary>
    public async Task<(bool Enabled, int RecoveryCodesLeft)> StatusAsync(ClaimsPrincipal signedIn) =>
        await users.GetUserAsync(signedIn) is { } user ? (user.TwoFactorEnabled, await users.CountRecoveryCodesAsync(user)) : (false, 0);

    /// <summary>
    /// New recovery codes for the signed-in person, replacing the ones on paper; audited. Ask only just after a
    /// sign-in (<see cref="RecentSignIn"/>).
    /// </summary>
    /// <returns>The codes to show once, or empty when the person has no second factor to recover.</returns>
    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(ClaimsPrincipal signedIn)
    {
        if (await users.GetUserAsync(signedIn) is not { TwoFactorEnabled: true } user)
        {
            return [];
        }

        IReadOnlyList<string> codes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        await audit.RecordAsync(signedIn, "two-factor new recovery codes");
        return codes;
    }

    /// <summary>
    /// For a lost phone: the second factor is turned off and its key replaced, so the old phone's codes stop working
    /// and the next sign-in enrols again. The security stamp changes, which ends the person's open sessions.
    /// </summary>
    public async Task ResetAsync(StaffUser user)
    {
        Check(await users.SetTwoFactorEnabledAsync(user, false));
        Check(await users.ResetAuthenticatorKeyAsync(user));
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        Check(await users.UpdateSecurityStampAsync(user));
        await sessions.EndAllAsync(user.Id);
    }

    /// <summary>
    /// A code is good once: the step it belongs to must be later than the last one this person used. One statement
    /// does the check and the write, so two tablets posting the same code at once cannot both get in.
    /// </summary>
    private async Task<bool> AcceptCodeAsync(StaffUser user, string code)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        var digits = new string([.. code.Where(char.IsAsciiDigit)]);
        if (string.IsNullOrEmpty(key) || digits.Length != 6
            || !new Totp(Base32Encoding.ToBytes(key)).VerifyTotp(clock.GetUtcNow().UtcDateTime, digits, out var step, Drift))
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        var changed = await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "UsedAuthenticatorSteps" ("StaffId", "Step") VALUES ({user.Id}, {step}) ON CONFLICT ("StaffId") DO UPDATE SET "Step" = excluded."Step" WHERE "UsedAuthenticatorSteps"."Step" < excluded."Step" """);
        return changed == 1;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}

public sealed record AuthenticatorSetup(string KeyForTyping, string OtpAuthUri, string QrSvg);

public enum SecondFactor
{
    Authenticator,
    RecoveryCode,
}
