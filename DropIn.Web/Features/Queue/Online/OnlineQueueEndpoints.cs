using DropIn.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DropIn.Web.Features.Queue.Online;

/// <summary>
/// The private link's live panel and its buttons. The buttons are plain form posts answered with a redirect to the link's page (a browser follows it with GET)
/// (which then shows what is true, including why an action could not be done), so they work without JavaScript. They
/// need no antiforgery token: the unguessable link in the address is what a forged request would lack.
/// </summary>
public static class OnlineQueueEndpoints
{
    public static WebApplication MapOnlineQueueEndpoints(this WebApplication app)
    {
        var link = app.MapGroup("/dropin/t/{token}").AllowAnonymous();
        link.MapGet("/live", async (string token, OnlineQueueService online, CancellationToken ct) =>
                new RazorComponentResult<StatusPanel>(new { Status = await online.StatusAsync(token, ct), Token = token }))
            .WithMetadata(new Microsoft.AspNetCore.Mvc.ResponseCacheAttribute { NoStore = true });
        link.MapPost("/take", (string token, OnlineQueueService online) => ActAsync(token, online.TakeAsync));
        link.MapPost("/here", (string token, OnlineQueueService online) => ActAsync(token, online.HereAsync));
        link.MapPost("/more-time", (string token, OnlineQueueService online) => ActAsync(token, online.StepBackAsync));
        link.MapPost("/leave", (string token, OnlineQueueService online) => ActAsync(token, online.LeaveAsync));
        return app;
    }

    private static async Task<IResult> ActAsync(string token, Func<string, Task> action)
    {
        try
        {
            await action(token);
        }
        catch (RuleException)
        {
            // The page shows the ticket as it now is, which says why (called already, left, the link has expired).
        }

        return Results.Redirect(OnlineQueuePaths.Status(token));
    }
}
