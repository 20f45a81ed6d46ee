using Microsoft.AspNetCore.SignalR;

namespace DropIn.Web.Live;

/// <summary>
/// Passes queue changes from the bus to the display-board clients connected to this server. With several servers each
/// relays to its own clients, having heard every server's changes over Redis (<see cref="RedisLiveUpdates"/>).
/// </summary>
internal sealed class DisplayHubRelay(ILiveUpdates live, IHubContext<DisplayHub> hub) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = live.Subscribe(change => change switch
        {
            QueueChanged queue => QueueChangedAsync(queue.SessionId),
            // The board fetches its whole panel whatever the id, so an empty one asks it to catch up.
            ChangesMayHaveBeenMissed => QueueChangedAsync(Guid.Empty),
            _ => Task.CompletedTask,
        });
        return Task.CompletedTask;
    }

    private Task QueueChangedAsync(Guid sessionId) =>
        hub.Clients.All.SendAsync(DisplayHub.QueueChangedMessage, sessionId, CancellationToken.None);

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
