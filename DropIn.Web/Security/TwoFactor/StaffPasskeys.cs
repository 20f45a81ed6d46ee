using System.Buffers.Text;
using System.Security.Claims;
using System.Text.Json;
using DropIn.Domain.Confidentiality;
using DropIn.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Security.TwoFactor;

/// <summary>
/// Passkeys (WebAuthn, W3C Web Authentication Level 3) for staff, beside the authenticator app, on ASP.NET Core
/// Identity's own passkey support. A passkey is asked for with user verification required: the device checks a
/// fingerprint, face or PIN before it signs, so one passkey is something the person has and something they are or
/// know. That is multi-factor on its own (NIST SP 800-63B, multi-factor cryptographic authenticator), so a passkey
/// sign-in satisfies <see cref="SecurityOptions.RequireTwoFactor"/> without the app's code; password + code stays.
/// Adding or removing one asks for a recent sign-in, as new recovery codes do (<see cref="RecentSignIn"/>). Every
/// add, rename, removal and passkey sign-in, allowed or not, goes to the audit trail.
/// </summary>
public sealed class StaffPasskeys(SignInManager<StaffUser> signIn, StaffSignIn staffSignIn, TimeProvider clock, IOptions<SecurityOptions> options, Audit.AuditLog audit)
{
    public const int MaxNameLength = 50;

    /// <summary>What the browser sends in place of a credential when the person cancelled or the device timed out.</summary>
    public const string Cancelled = "cancelled";

    private UserManager<StaffUser> Users => signIn.UserManager;

    /// <summary>The signed-in person's passkeys, oldest first (none when the account is gone). Ids are base64url, as they travel in forms.</summary>
    public async Task<IReadOnlyList<StaffPasskey>> ListAsync(ClaimsPrincipal signedIn) =>
        await Users.GetUserAsync(signedIn) is not { } user ? [] : [.. (await Users.GetPasskeysAsync(user)).OrderBy(p => p.CreatedAt)
            .Select(p => new StaffPasskey(Base64Url.EncodeToString(p.CredentialId), string.IsNullOrWhiteSpace(p.Name) ? "Passkey" : p.Name, p.CreatedAt))];

    /// <summary>Adding and removing a passkey need the password (and code) or a passkey within the last few minutes.</summary>
    public bool IsRecent(ClaimsPrincipal principal) =>
        RecentSignIn.IsRecent(principal, clock.GetUtcNow(), TimeSpan.FromMinutes(options.Value.ReauthenticateMinutes));

    /// <summary>
    /// The options for <c>navigator.credentials.create()</c>, as JSON; the challenge is kept in Identity's five-minute
    /// two-factor cookie until <see cref="AddAsync"/>. Null when the sign-in is not recent enough.
    /// </summary>
    public async Task<string?> CreationOptionsAsync(ClaimsPrincipal principal)
    {
        var user = await Users.GetUserAsync(principal);
        if (user is null || !IsRecent(principal))
        {
            return null;
        }

        // The email is the account name a device shows when it offers the passkey; no student detail is involved.
        return await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
        {
            Id = user.Id,
            Name = user.Email ?? user.Id,
            DisplayName = string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? user.Id : user.DisplayName,
        });
    }

    /// <summary>Keeps the passkey the browser made from <see cref="CreationOptionsAsync"/>, under the name given.</summary>
    public async Task<PasskeyChange> AddAsync(ClaimsPrincipal principal, string? credentialJson, string? browserError, string? name)
    {
        var user = await Users.GetUserAsync(principal);
        if (user is null || !IsRecent(principal))
        {
            return PasskeyChange.ConfirmFirst;
        }

        if (string.IsNullOrEmpty(credentialJson))
        {
            return PasskeyChange.Refused(FromBrowser(browserError, "No passkey was made."));
        }

        var attestation = await TryAsync(() => signIn.PerformPasskeyAttestationAsync(credentialJson));
        if (attestation is null)
        {
            return PasskeyChange.Refused("Adding the passkey took too long. Press \"Add a passkey\" again.");
        }

        // The challenge was made for the signed-in person; a state cookie from another tab or account is refused.
        if (!attestation.Succeeded || attestation.UserEntity.Id != user.Id)
        {
            await audit.RecordAsync(principal, "passkey.add", "Staff", user.Id, AuditOutcome.Failed, attestation.Failure?.Message ?? "made for another account");
            return PasskeyChange.Refused("The passkey could not be added. Try again; if it keeps failing, use another device or your authenticator app.");
        }

        attestation.Passkey.Name = CleanName(name);
        var saved = await Users.AddOrUpdatePasskeyAsync(user, attestation.Passkey);
        if (!saved.Succeeded)
        {
            return PasskeyChange.Refused(AccountChanged);
        }

        await audit.RecordAsync(principal, "passkey.add", "Staff", user.Id);
        return PasskeyChange.Done($"Passkey \"{attestation.Passkey.Name}\" added. Next time, choose \"Use a passkey\" on the sign-in page.");
    }

    /// <summary>A new name for one of the person's own passkeys; a name is only a label, so no recent sign-in is asked.</summary>
    public async Task<PasskeyChange> RenameAsync(ClaimsPrincipal principal, string? id, string? name)
    {
        var user = await Users.GetUserAsync(principal);
        if (user is null || await FindOwnAsync(user, id) is not { } passkey)
        {
            return PasskeyChange.Refused(NotYours);
        }

        passkey.Name = CleanName(name);
        if (!(await Users.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded)
        {
            return PasskeyChange.Refused(AccountChanged);
        }

        await audit.RecordAsync(principal, "passkey.rename", "Staff", user.Id);
        return PasskeyChange.Done($"Passkey renamed \"{passkey.Name}\".");
    }

    /// <summary>Removes one of the person's own passkeys: it signs nobody in from then on.</summary>
    public async Task<PasskeyChange> RemoveAsync(ClaimsPrincipal principal, string? id)
    {
        var user = await Users.GetUserAsync(principal);
        if (user is null || !IsRecent(principal))
        {
            return PasskeyChange.ConfirmFirst;
        }

        if (await FindOwnAsync(user, id) is not { } passkey)
        {
            return PasskeyChange.Refused(NotYours);
        }

        if (!(await Users.RemovePasskeyAsync(user, passkey.CredentialId)).Succeeded)
        {
            return PasskeyChange.Refused(AccountChanged);
        }

        await audit.RecordAsync(principal, "passkey.remove", "Staff", user.Id);
        return PasskeyChange.Done($"Passkey \"{passkey.Name ?? "Passkey"}\" removed. It no longer signs you in.");
    }

    /// <summary>
    /// The options for <c>navigator.credentials.get()</c>. No account is named: the device offers the passkeys it
    /// holds for this site, so the sign-in page never says whether an address has an account or a passkey.
    /// </summary>
    public Task<string> RequestOptionsAsync() => signIn.MakePasskeyRequestOptionsAsync(null);

    /// <summary>Signs in with a passkey from <see cref="RequestOptionsAsync"/>. Null when signed in; otherwise what to say.</summary>
    public async Task<string?> SignInAsync(string? credentialJson, string? browserError)
    {
        if (string.IsNullOrEmpty(credentialJson))
        {
            return FromBrowser(browserError, "No passkey was used.");
        }

        var assertion = await TryAsync(() => signIn.PerformPasskeyAssertionAsync(credentialJson));
        if (assertion is null)
        {
            return "Signing in with a passkey took too long. Press \"Use a passkey\" again.";
        }

        if (!assertion.Succeeded)
        {
            // Most often a passkey its owner has removed, or one made for another DropIn installation.
            await audit.AppendAsync(null, null, "signin", null, null, AuditOutcome.Failed, "passkey not recognised");
            return "DropIn does not recognise that passkey: it may have been removed. Sign in with your email, password and authenticator code.";
        }

        var user = assertion.User;
        if (await Users.IsLockedOutAsync(user) || !await signIn.CanSignInAsync(user))
        {
            await audit.AppendAsync(user.Id, null, "signin", null, null, AuditOutcome.Refused, "locked out (passkey)");
            return "This account is locked or has been disabled. Try again in 15 minutes, or ask a manager.";
        }

        // The new signature counter is kept, so a cloned authenticator replaying an older count is noticed next time.
        if (!(await Users.AddOrUpdatePasskeyAsync(user, assertion.Passkey)).Succeeded)
        {
            return AccountChanged;
        }

        await Users.ResetAccessFailedCountAsync(user);
        await staffSignIn.CompleteAsync(user, secondFactor: true, method: StaffSignIn.PasskeyMethod);
        return null;
    }

    /// <summary>
    /// For a manager's lost-device reset: a passkey may live on the lost phone or laptop, and it signs in on its own,
    /// so all of them go with the authenticator key.
    /// </summary>
    public async Task RemoveAllAsync(StaffUser user)
    {
        foreach (var passkey in await Users.GetPasskeysAsync(user))
        {
            await Users.RemovePasskeyAsync(user, passkey.CredentialId);
        }
    }

    private const string NotYours = "That passkey is not on your account any more. The list below is up to date.";
    private const string AccountChanged = "Your account changed at the same moment, on another screen. Look at the list below and try again.";

    private async Task<UserPasskeyInfo?> FindOwnAsync(StaffUser user, string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 1400)
        {
            return null;
        }

        byte[] credentialId;
        try
        {
            credentialId = Base64Url.DecodeFromChars(id);
        }
        catch (FormatException)
        {
            return null;
        }

        // Looked up within this person's own passkeys only: an id from another account finds nothing.
        return await Users.GetPasskeyAsync(user, credentialId);
    }

    private static string CleanName(string? name)
    {
        var clean = string.Join(' ', (name ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return clean.Length == 0 ? "Passkey" : clean[..Math.Min(clean.Length, MaxNameLength)];
    }

    private static string FromBrowser(string? browserError, string fallback) => browserError switch
    {
        Cancelled => "The passkey was not used: it was cancelled, or the device did not answer in time. Try again.",
        null or "" => fallback,
        _ => browserError.Length > 200 ? browserError[..200] : browserError,
    };

    /// <summary>
    /// Identity throws when no passkey operation is under way (its five-minute cookie expired, or the form was posted
    /// without asking for options first) and the browser's JSON may be anything: both are a message, never a 500.
    /// </summary>
    private static async Task<T?> TryAsync<T>(Func<Task<T>> step)
        where T : class
    {
        try
        {
            return await step();
        }
        catch (Exception e) when (e is InvalidOperationException or JsonException or FormatException or ArgumentException)
        {
            return null;
        }
    }
}

/// <param name="Id">The credential id, base64url.</param>
/// <param name="AddedAt">When it was registered (UTC).</param>
public sealed record StaffPasskey(string Id, string Name, DateTimeOffset AddedAt);

/// <summary>What became of a change to the person's passkeys: done, refused with a message, or "confirm it is you first".</summary>
public sealed record PasskeyChange(bool Succeeded, bool NeedsRecentSignIn, string Message)
{
    public static readonly PasskeyChange ConfirmFirst = new(false, true, "Confirm it is you first.");

    public static PasskeyChange Done(string message) => new(true, false, message);

    public static PasskeyChange Refused(string message) => new(false, false, message);
}
