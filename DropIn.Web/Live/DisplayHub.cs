using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace DropIn.Web.Live;

/// <summary>
/// Feeds the public waiting-room display board and kiosks. Anonymous by design, so it has no methods a client
/// can call and it sends only session ids; the board then fetches its ticket-numbers-only view.
/// </summary>
[AllowAnonymous]
public sealed class DisplayHub : Hub
{
    public const string Path = "/hubs/display";
    public const string QueueChangedMessage = "queueChanged";
}
