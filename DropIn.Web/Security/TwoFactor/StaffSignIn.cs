using System.Globalization;
using System.Security.Claims;
using DropIn.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Security.TwoFactor;

/// <summary>
/// The steps of a staff sign-in after the password: straight in when no second factor is required, otherwise a
/// five-minute "halfway" cookie (Identity's two-factor scheme) until the code is entered or the app is set up. Every
/// finished sign-in stamps the time, which exports check (<see cref="RecentSignIn"/>).
/// </summary>
public sealed class StaffSignIn(SignInManager<StaffUser> signIn, TimeProvider clock, IOptions<SecurityOptions> options)
{
    public const string TwoFactorPath = "/account/two-factor";
    public const string SetupPath = "/account/two-factor/setup";
    public const string MultiFactorClaim = "amr";

    /// <summary>How the sign-in was made, when not by password: written as the sign-in audit entry's detail.</summary>
    public const string MethodItem = "dropin:method";

    public const string PasskeyMethod = "passkey";

    /// <summary>After a right password: signs in, or remembers who is halfway. Returns where to go next.</summary>
    public async Task<string> AfterPasswordAsync(StaffUser user, string returnUrl)
    {
        if (user.TwoFactorEnabled || options.Value.RequireTwoFactor)
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
