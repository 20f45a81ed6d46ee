namespace DropIn.Web.Features.Queue.Kiosk;

/// <summary>
/// Where an enrolled tablet keeps its kiosk token: a cookie for the kiosk's pages only, out of reach of scripts,
/// never sent from another site. It is the tablet's only credential; revoking the kiosk makes it worthless.
/// </summary>
public static class KioskCookie
{
    public const string Name = "DropIn.Kiosk";

    /// <summary>Browsers keep a cookie at most 400 days (RFC 6265bis); a manager re-enrols a tablet after that.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(400);

    public static string? Read(HttpContext http) => http.Request.Cookies[Name];

    public static void Write(HttpContext http, string token) => http.Response.Cookies.Append(Name, token, new CookieOptions
    {
        Path = KioskPaths.Kiosk,
        HttpOnly = true,
        Secure = http.Request.IsHttps,
        SameSite = SameSiteMode.Strict,
        MaxAge = Lifetime,
        IsEssential = true,
    });
}
