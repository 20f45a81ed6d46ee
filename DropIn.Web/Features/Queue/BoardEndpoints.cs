using Microsoft.AspNetCore.Http.HttpResults;

namespace DropIn.Web.Features.Queue;

public static class BoardEndpoints
{
    public const string LivePath = "/board/live";

    /// <summary>The board's panel as an HTML fragment: the board page swaps it in when the hub signals a change,
    /// so the board has one renderer for both the first view and every update.</summary>
    public static WebApplication MapBoardEndpoints(this WebApplication app)
    {
        app.MapGet(LivePath, async (QueueService queue, CancellationToken ct) =>
                new RazorComponentResult<BoardPanel>(new { View = await queue.GetBoardAsync(ct) }))
            .AllowAnonymous()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.ResponseCacheAttribute { NoStore = true });
        return app;
    }
}
