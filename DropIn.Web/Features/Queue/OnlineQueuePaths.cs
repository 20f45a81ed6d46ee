namespace DropIn.Web.Features.Queue;

/// <summary>The addresses of the students' own side of the drop-in queue, named once for the pages, the board and the poster.</summary>
public static class OnlineQueuePaths
{
    /// <summary>Where a student joins the queue from their phone; the board's and the door poster's QR code open it.</summary>
    public const string Join = "/dropin";
}
