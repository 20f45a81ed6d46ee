using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace DropIn.Web.Live;

/// <summary>
/// Feeds the public waiting-room display board, kiosks and students' private queue pages. Anonymous by design, so it has
/// no methods a client can call, and it sends only what the board shows anyway: the session's id and its positions
/// (ticket numbers, estimated waits, rooms called to; Features.Queue.QueuePositions), never a name or a topic.
/// </summary>
[AllowAnonymous]
public sealed class DisplayHub : Hub
{
    public const string Path = "/hubs/display";
    public const string QueueChangedMessage = "queueChanged";
}
