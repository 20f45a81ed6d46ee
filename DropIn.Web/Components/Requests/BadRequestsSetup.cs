namespace DropIn.Web.Components.Requests;

/// <summary>
/// Bad input gets a clear 4xx with words, never an error page: addresses whose values a page cannot use, form posts
/// whose body cannot be read as a form, and error responses that would otherwise carry no words at all.
/// </summary>
public static class BadRequestsSetup
{
    /// <summary>After the "not found" handler (which still answers 404s) and before antiforgery reads any form.</summary>
    public static WebApplication UseDropInBadRequests(this WebApplication app)
    {
        app.Use(WordsForEmptyErrorsAsync);
        app.Use(RefuseUnreadableFormsAsync);
        app.Use(QueryValues.CheckAsync);
        return app;
    }

    /// <summary>
    /// A 4xx that reaches here with nothing written gets words for its status. Not ASP.NET's status code pages: they
    /// leave alone a response whose content type is already set, and a page refusing a form without its antiforgery
    /// token sets text/html and writes nothing. "Not found" is left to its own page.
    /// </summary>
    private static async Task WordsForEmptyErrorsAsync(HttpContext http, RequestDelegate next)
    {
        await next(http);
        var status = http.Response.StatusCode;
        if (status is >= 400 and < 500 and not StatusCodes.Status404NotFound && !http.Response.HasStarted)
        {
            if (status == StatusCodes.Status429TooManyRequests && !http.Response.Headers.ContainsKey("Retry-After"))
            {
                http.Response.Headers.RetryAfter = "60";
            }

            await StatusText.WriteAsync(http, status, StatusText.For(status, HttpMethods.IsPost(http.Request.Method)));
        }
    }

    /// <summary>
    /// Reads a posted form once, up front (ASP.NET keeps it for whoever reads it next): a body that says it is a form but
    /// cannot be read as one (a broken multipart boundary, a truncated body) is a 400 here rather than an exception later.
    /// </summary>
    private static async Task RefuseUnreadableFormsAsync(HttpContext http, RequestDelegate next)
    {
        if (HttpMethods.IsPost(http.Request.Method) && http.Request.HasFormContentType)
        {
            try
            {
                await http.Request.ReadFormAsync(http.RequestAborted);
            }
            catch (Exception ex) when ((ex is InvalidDataException or IOException) && !http.RequestAborted.IsCancellationRequested)
            {
                await StatusText.WriteAsync(http, StatusCodes.Status400BadRequest, "The form could not be read: it arrived incomplete or damaged. Go back, reload the page and try again.");
                return;
            }
        }

        await next(http);
    }
}
