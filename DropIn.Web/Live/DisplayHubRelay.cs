using Microsoft.AspNetCore.SignalR;

namespace DropIn.Web.Live;

/// <summary>Passes queue changes from the bus to display-board clients on this server.</summary>
internal sealed class DisplayHubRelay(ILiveUpdates live, IHubContext<DisplayHub> hub) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = live.Subscribe(change => change is QueueChanged queue
            ? hub.Clients.All.SendAsync(DisplayHub.QueueChangedMessage, queue.SessionId, CancellationToken.None)
            : Task.CompletedTask);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
