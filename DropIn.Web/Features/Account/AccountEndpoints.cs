using DropIn.Web.Data;
using DropIn.Web.Security;
using DropIn.Web.Security.TwoFactor;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace DropIn.Web.Features.Account;

public static class AccountEndpoints
{
    /// <summary>
    /// Tells the browser to drop its cache and this site's storage (including case-note drafts in sessionStorage):
    /// a shared tablet keeps nothing of the last person's work. Not "cookies": the antiforgery cookie the sign-in form
    /// needs would go too, and sign-out already removes the staff cookie.
    /// </summary>
    public const string ClearSiteData = "\"cache\", \"storage\"";

    public const string LockPath = "/account/lock";
    public const string KeepAlivePath = "/account/keep-alive";
    public const string PasskeyCreationOptionsPath = "/account/passkeys/creation-options";
    public const string PasskeyRequestOptionsPath = "/account/passkeys/request-options";

    public static WebApplication MapDropInAccount(this WebApplication app)
    {
        // A POST with the antiforgery token, so a link elsewhere cannot sign a member of staff out. Checked here: a
        // minimal endpoint that binds no form is not checked by the antiforgery middleware on its own.
        app.MapPost("/account/logout", async (HttpContext http, IAntiforgery antiforgery, SignInManager<StaffUser> signIn, SignInSessions sessions) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }

            // Ended for good, not only forgotten by this browser: a copy of the cookie and the other tabs stop too.
            await sessions.EndAsync(http.User);
            await signIn.SignOutAsync();
            http.Response.Headers["Clear-Site-Data"] = ClearSiteData;
            return Results.LocalRedirect("/account/login");
        }).RequireAuthorization();

        // The idle lock's form posts here when time runs out. Anonymous allowed: the cookie may already have expired
        // (a tablet asleep past the idle time), and the screen must still end at the sign-in page saying why.
        app.MapPost(LockPath, async (HttpContext http, IAntiforgery antiforgery, SignInManager<StaffUser> signIn, SignInSessions sessions) =>
        {
            // No body, or not a form: still the sign-in page, going back home afterwards.
            var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync() : FormCollection.Empty;
            var returnUrl = ReturnAddress.LocalOrHome(form["returnUrl"]);
            if (http.User.Identity?.IsAuthenticated == true)
            {
                if (!await antiforgery.IsRequestValidAsync(http))
                {
                    return Results.BadRequest();
                }

                await sessions.EndAsync(http.User);
                await signIn.SignOutAsync();
                http.Response.Headers["Clear-Site-Data"] = ClearSiteData;
            }
            else if (http.Request.Headers["Sec-Fetch-Site"] == "same-origin")
            {
                // Only from our own page: a cross-site post arrives without the (SameSite=Strict) cookie too, and must
                // not wipe a signed-in member of staff's unsaved drafts.
                http.Response.Headers["Clear-Site-Data"] = ClearSiteData;
            }

            return Results.LocalRedirect("/account/login?locked=1&ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        }).AllowAnonymous();

        // The idle script calls this now and then while someone is working, because circuit traffic never renews the
        // cookie: without it an active member of staff would find the cookie gone at the next page load.
        app.MapPost(KeepAlivePath, async (HttpContext http, IAntiforgery antiforgery, SignInManager<StaffUser> signIn) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }

            var user = await signIn.UserManager.GetUserAsync(http.User);
            if (user is null || await signIn.UserManager.IsLockedOutAsync(user))
            {
                return Results.Unauthorized();
            }

            // The same principal with a new expiry: Identity's RefreshSignInAsync would rebuild it, starting a new audit
            // session and forgetting when the password was last entered.
            var current = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
            if (current.Principal is null)
            {
                return Results.Unauthorized();
            }

            var properties = current.Properties ?? new AuthenticationProperties();
            properties.IssuedUtc = null;
            properties.ExpiresUtc = null;
            properties.Items[Security.SecuritySetup.RenewalMark] = "1";
            await http.SignInAsync(IdentityConstants.ApplicationScheme, current.Principal, properties);
            return Results.NoContent();
        }).RequireAuthorization();

        // wwwroot/passkeys.js asks for WebAuthn options just before the device makes or uses a passkey, posting the
        // form's antiforgery token. The answer is JSON, or words the page shows; the form post itself is checked again.
        app.MapPost(PasskeyCreationOptionsPath, async (HttpContext http, IAntiforgery antiforgery, StaffPasskeys passkeys) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.Text("This page is out of date. Reload it and try again.", statusCode: StatusCodes.Status400BadRequest);
            }

            return await passkeys.CreationOptionsAsync(http.User) is { } options
                ? Results.Text(options, "application/json")
                : Results.Text("Confirm it is you first: reload the page and follow its link.", statusCode: StatusCodes.Status403Forbidden);
        }).RequireAuthorization();

        // Anonymous, as the sign-in page is; counted with the other sign-in posts.
        app.MapPost(PasskeyRequestOptionsPath, async (HttpContext http, IAntiforgery antiforgery, StaffPasskeys passkeys) =>
            await antiforgery.IsRequestValidAsync(http)
                ? Results.Text(await passkeys.RequestOptionsAsync(), "application/json")
                : Results.Text("This page is out of date. Reload it and try again.", statusCode: StatusCodes.Status400BadRequest))
            .AllowAnonymous()
            .RequireRateLimiting(SecuritySetup.SignInRateLimitPolicy);
        return app;
    }
}
