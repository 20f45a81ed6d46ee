namespace DropIn.Web.Components.Requests;

/// <summary>
/// Words for an error status that arrives without any (a form posted without its antiforgery token, a method an
/// address does not take, too many requests): every 4xx says what was wrong. "Not found" keeps its own page.
/// </summary>
public static class StatusText
{
    public static string For(int status, bool posted) => status switch
    {
        StatusCodes.Status400BadRequest when posted =>
            "The form could not be accepted: it was incomplete, or it had expired or did not come from this site. Go back, reload the page and try again.",
        StatusCodes.Status400BadRequest => "The request could not be used: something in it was missing or not in the expected form. Go back and try again.",
        StatusCodes.Status401Unauthorized => "You are not signed in, or your sign-in has ended. Sign in again to carry on.",
        StatusCodes.Status403Forbidden => "You do not have access to this.",
        StatusCodes.Status405MethodNotAllowed => "This address does not take that kind of request.",
        StatusCodes.Status408RequestTimeout => "The request took too long to arrive. Try again.",
        StatusCodes.Status409Conflict => "Someone else changed this at the same moment. Reload the page and try again.",
        StatusCodes.Status413PayloadTooLarge => "What was sent is too large.",
        StatusCodes.Status414UriTooLong => "The address is too long.",
        StatusCodes.Status415UnsupportedMediaType => "The request was not sent in a form this address accepts.",
        StatusCodes.Status429TooManyRequests => "Too many requests from this device in a short time. Wait a minute, then try again.",
        _ => $"The request could not be completed (status {status}).",
    };

    public static async Task WriteAsync(HttpContext http, int status, string text)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(text, http.RequestAborted);
    }
}
