namespace DropIn.Web.Features.Queue.Online;

/// <summary>The addresses of the students' side of the queue. The private link carries only its token, never who or what.</summary>
public static class OnlineQueuePaths
{
    public const string Join = "/dropin";
    public const string Sent = "/dropin/sent";

    public static string Status(string token) => $"/dropin/t/{token}";

    public static string Live(string token) => $"/dropin/t/{token}/live";

    /// <summary>Where the link's buttons post: take, here, more-time, leave (<see cref="OnlineQueueEndpoints"/>).</summary>
    public static string Action(string token, string action) => $"/dropin/t/{token}/{action}";
}
