using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using DropIn.Web.Features.Appointments;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Security;

/// <summary>
/// What a refused request gets (HTTP 429): a page saying what happened and when to try again, with a Retry-After
/// header (RFC 9110 §10.2.3, RFC 6585 §4). Written here, so the status page does not replace it with "Page not found".
/// </summary>
public static class RateLimitRejection
{
    public static async ValueTask WriteAsync(OnRejectedContext rejected, CancellationToken cancel)
    {
        var http = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero
            ? retryAfter
            : TimeSpan.FromMinutes(1);
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.CacheControl = "no-store";
        http.Response.ContentType = "text/html; charset=utf-8";

        var signIn = http.Request.Path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase);
        var what = signIn
            ? "Too many sign-in attempts from this device."
            : "Too many requests from this device in a short time. We limit them to keep these pages working for everyone.";
        var when = seconds < 90 ? $"{seconds} seconds" : $"{(seconds + 59) / 60} minutes";
        var contact = signIn ? "" : http.RequestServices.GetService<IOptions<AppointmentOptions>>()?.Value.ServiceContact ?? "";
        var help = contact.Length == 0 ? "" : $"<p>If you need help now: {WebUtility.HtmlEncode(contact)}</p>";
        var html = $$"""
            <!DOCTYPE html>
            <html lang="en-GB">
            <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><meta name="referrer" content="no-referrer" />
            <title>Too many requests · Student Advice Service</title>
            <style>body{font-family:system-ui,sans-serif;line-height:1.5;margin:0;padding:1.5rem;max-width:40rem;color:#1b1b1b}a:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}</style></head>
            <body><main>
            <h1>Too many requests</h1>
            <p>{{WebUtility.HtmlEncode(what)}}</p>
            <p>Wait {{when}}, then try again. If you were sending a form, send it again then.</p>
            {{help}}
            </main></body></html>
            """;
        await http.Response.WriteAsync(html, cancel);
    }
}
