using System.Globalization;
using System.Security.Claims;
using DropIn.Domain.Confidentiality;
using DropIn.Web.Data;
using DropIn.Web.Security.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Security.TwoFactor;

/// <summary>
/// The steps of a staff sign-in after the password: straight in when no second factor is required, otherwise a
/// five-minute "halfway" cookie (Identity's two-factor scheme) until the code is entered or the app is set up. Every
/// finished sign-in stamps the time, which exports check (<see cref="RecentSignIn"/>). Each step that fails is
/// audited and counted towards the lockout here, so the account pages only show what a step returns.
/// </summary>
public sealed class StaffSignIn(SignInManager<StaffUser> signIn, TwoFactorService twoFactor, AuditLog audit, TimeProvider clock, IOptions<SecurityOptions> options, ILogger<StaffSignIn> logger)
{
    public const string TwoFactorPath = "/account/two-factor";
    public const string SetupPath = "/account/two-factor/setup";
    public const string MultiFactorClaim = "amr";

    /// <summary>How the sign-in was made, when not by password: written as the sign-in audit entry's detail.</summary>
    public const string MethodItem = "dropin:method";

    public const string PasskeyMethod = "passkey";

    private const string TookTooLong = "Sign-in took too long. Start again with your password.";

    private UserManager<StaffUser> Users => signIn.UserManager;

    /// <summary>The password step: signs in, or sends on to the second factor, or says why not.</summary>
    /// <param name="returnUrl">A local address, already checked (<see cref="ReturnAddress.LocalOrHome"/>).</param>
    public async Task<SignInStep> PasswordAsync(string email, string password, string returnUrl)
    {
        var account = await Users.FindByEmailAsync(email);
        var result = account is null ? SignInResult.Failed : await signIn.CheckPasswordSignInAsync(account, password, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return SignInStep.GoTo(await AfterPasswordAsync(account!, returnUrl));
        }

        logger.LogInformation("Failed staff sign-in (locked out: {LockedOut})", result.IsLockedOut);
        // The account's id when there is one; what was typed for an unknown account is not kept.
        await audit.AppendAsync(account?.Id, null, "signin", null, null,
            result.IsLockedOut ? AuditOutcome.Refused : AuditOutcome.Failed,
            result.IsLockedOut ? "locked out" : account is null ? "unknown account" : "wrong password");
        return SignInStep.Refused(result.IsLockedOut
            ? "This account is locked: too many wrong passwords, or it has been disabled. Try again in 15 minutes, or ask a manager."
            : "The email or password is not right.");
    }

    /// <summary>
    /// The second-factor step for someone halfway: an authenticator code or a recovery code. Few recovery codes left
    /// sends the person to the security page to make new ones.
    /// </summary>
    public async Task<SignInStep> SecondFactorAsync(string code, string returnUrl)
    {
        var user = await HalfwayAsync();
        if (user is null)
        {
            return SignInStep.Refused(TookTooLong);
        }

        if (await Users.IsLockedOutAsync(user))
        {
            return SignInStep.Refused("This account is locked: too many wrong codes, or it has been disabled. Try again in 15 minutes, or ask a manager.");
        }

        if (await twoFactor.VerifyAsync(user, code) is { } factor)
        {
            await Users.ResetAccessFailedCountAsync(user);
            await CompleteAsync(user, secondFactor: true);
            return SignInStep.GoTo(factor == SecondFactor.RecoveryCode && await twoFactor.RecoveryCodesLeftAsync(user) <= 3
                ? "/account/security?fewCodes=1"
                : returnUrl);
        }

        await Users.AccessFailedAsync(user);
        var locked = await Users.IsLockedOutAsync(user);
        await audit.AppendAsync(user.Id, null, "signin", null, null,
            locked ? AuditOutcome.Refused : AuditOutcome.Failed,
            locked ? "locked out" : "wrong or used second-factor code");
        return SignInStep.Refused(locked
            ? "This account is locked: too many wrong codes. Try again in 15 minutes, or ask a manager."
            : "That code is not right, or has been used already. Wait for the next code and try again.");
    }

    /// <summary>
    /// Enrolment, straight after the password: the first good code from the new app turns the second factor on and
    /// signs in. The recovery codes are shown once.
    /// </summary>
    public async Task<Enrolment> EnrolAsync(string code)
    {
        var user = await HalfwayAsync();
        if (user is null || user.TwoFactorEnabled)
        {
            return new Enrolment(null, TookTooLong);
        }

        var codes = await twoFactor.EnableAsync(user, code);
        if (codes is null)
        {
            await audit.AppendAsync(user.Id, null, "two-factor enrol", null, null, AuditOutcome.Failed, "wrong code");
            return new Enrolment(null, "That code is not right. Check the app shows DropIn, wait for the next code and try again.");
        }

        await audit.AppendAsync(user.Id, null, "two-factor enrol", null, null, AuditOutcome.Allowed, null);
        await CompleteAsync(user, secondFactor: true);
        return new Enrolment(codes, null);
    }

    /// <summary>
    /// Confirming who is at a signed-in screen before something sensitive (<see cref="RecentSignIn"/>): the password
    /// and, when enrolled, a code. The sign-in session is kept, so the trail reads as one session.
    /// </summary>
    public async Task<SignInStep> ReauthenticateAsync(ClaimsPrincipal signedIn, string password, string? code, string returnUrl)
    {
        var user = await Users.GetUserAsync(signedIn);
        if (user is null)
        {
            return SignInStep.GoTo("/account/login");
        }

        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        var secondFactor = result.Succeeded && user.TwoFactorEnabled ? await twoFactor.VerifyAsync(user, code ?? "") : null;
        if (result.Succeeded && (!user.TwoFactorEnabled || secondFactor is not null))
        {
            await Users.ResetAccessFailedCountAsync(user);
            await CompleteAsync(user, user.TwoFactorEnabled, signedIn.FindFirst(StaffClaims.Session)?.Value);
            return SignInStep.GoTo(returnUrl);
        }

        if (result.Succeeded)
        {
            await Users.AccessFailedAsync(user);
        }

        await audit.RecordAsync(signedIn, "re-authenticate", null, null, AuditOutcome.Failed,
            result.IsLockedOut ? "locked out" : result.Succeeded ? "wrong or used second-factor code" : "wrong password");
        return SignInStep.Refused(result.IsLockedOut
            ? "This account is locked: too many wrong attempts. Try again in 15 minutes, or ask a manager."
            : user.TwoFactorEnabled ? "The password or code is not right." : "The password is not right.");
    }

    /// <summary>After a right password: signs in, or remembers who is halfway. Returns where to go next.</summary>
    private async Task<string> AfterPasswordAsync(StaffUser user, string returnUrl)
    {
        // An assessor always uses a second factor, whatever this installation requires of its own staff.
        if (user.TwoFactorEnabled || options.Value.RequireTwoFactor || await Users.IsInRoleAsync(user, Roles.Assessor))
        {
            var halfway = new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Id)], IdentityConstants.TwoFactorUserIdScheme);
            await signIn.Context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(halfway));
            return (user.TwoFactorEnabled ? TwoFactorPath : SetupPath) + "?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
        }

        await CompleteAsync(user, secondFactor: false);
        return returnUrl;
    }

    /// <summary>The member of staff halfway through signing in, if the halfway cookie is still good.</summary>
    public Task<StaffUser?> HalfwayAsync() => signIn.GetTwoFactorAuthenticationUserAsync();

    /// <summary>
    /// Issues the staff cookie. On re-authentication the sign-in session id is kept, so the audit trail still reads as
    /// one session on one tablet. <paramref name="method"/> (e.g. <see cref="PasskeyMethod"/>) goes to the audit entry.
    /// </summary>
    public async Task CompleteAsync(StaffUser user, bool secondFactor, string? keepSession = null, string? method = null)
    {
        var principal = await signIn.CreateUserPrincipalAsync(user);
        var identity = (ClaimsIdentity)principal.Identity!;
        if (keepSession is not null && identity.FindFirst(StaffClaims.Session) is { } fresh)
        {
            identity.RemoveClaim(fresh);
            identity.AddClaim(new Claim(StaffClaims.Session, keepSession));
        }

        identity.AddClaim(new Claim(StaffClaims.SignedInAt, clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        if (secondFactor)
        {
            identity.AddClaim(new Claim(MultiFactorClaim, "mfa"));
        }

        var properties = new AuthenticationProperties { IsPersistent = false };
        if (method is not null)
        {
            properties.Items[MethodItem] = method;
        }

        await signIn.Context.SignInAsync(IdentityConstants.ApplicationScheme, principal, properties);
        await signIn.Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
    }
}

/// <summary>Where a sign-in step leads: the next address, or why it was refused, in words for the person.</summary>
public sealed record SignInStep(string? Next, string? Refusal)
{
    public static SignInStep GoTo(string next) => new(next, null);

    public static SignInStep Refused(string words) => new(null, words);
}

/// <summary>The second factor turned on (with the recovery codes to show once), or why not.</summary>
public sealed record Enrolment(IReadOnlyList<string>? RecoveryCodes, string? Refusal);
