namespace DropIn.Web.Security;

/// <summary>
/// Headers on every response that tell the browser to run only our own scripts, never frame us, keep referrers
/// and device features to itself, and keep no copy of a staff screen once it is left.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    // Blazor Server and MudBlazor load scripts from our origin only; MudBlazor writes inline style attributes, hence
    // 'unsafe-inline' for styles alone. The circuit's WebSocket is same-origin, which 'self' covers in current browsers.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    // Tablets photograph students' letters; nothing here needs a microphone or a location.
    public const string PermissionsPolicy = "camera=(self), microphone=(), geolocation=()";

    public Task InvokeAsync(HttpContext context)
    {
        // At the last moment, so a header set on the way (antiforgery's X-Frame-Options, a page's caching) cannot win.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = PermissionsPolicy;
            if (IsPrivate(context) && !IsFingerprintedAsset(headers.CacheControl.ToString()))
            {
                // The back button after sign-out or a lock must find nothing to show on a shared tablet.
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }

    private static bool IsPrivate(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true || context.Request.Path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase);

    // Framework, MudBlazor and our own scripts under a content hash hold nothing personal and may be cached for ever.
    private static bool IsFingerprintedAsset(string cacheControl) => cacheControl.Contains("immutable", StringComparison.OrdinalIgnoreCase);
}
