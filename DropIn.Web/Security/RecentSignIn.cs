using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Security;

/// <summary>
/// Re-authentication before exports: a file that leaves the system (a subject access bundle, a statistics sheet) is
/// handed over only if the member of staff entered their password and second factor in the last few minutes, so a
/// tablet left signed in cannot be used to carry records away.
/// </summary>
public static class RecentSignIn
{
    public const string ConfirmPath = "/account/confirm";

    public static DateTimeOffset? SignedInAt(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirst(StaffClaims.SignedInAt)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    public static bool IsRecent(ClaimsPrincipal user, DateTimeOffset now, TimeSpan within) =>
        SignedInAt(user) is { } at && now - at <= within && at <= now + TimeSpan.FromMinutes(1);

    /// <summary>
    /// For an export endpoint: null when the sign-in is recent enough; otherwise a redirect to the confirm page, which
    /// sends the member of staff back to this same address afterwards.
    /// </summary>
    public static IResult? Demand(HttpContext http)
    {
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        var within = TimeSpan.FromMinutes(http.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.ReauthenticateMinutes);
        if (IsRecent(http.User, clock.GetUtcNow(), within))
        {
            return null;
        }

        var back = http.Request.PathBase + http.Request.Path + http.Request.QueryString;
        return Results.LocalRedirect(ConfirmPath + "?ReturnUrl=" + Uri.EscapeDataString(back));
    }
}
