using DropIn.Web.Live;
using Microsoft.AspNetCore.SignalR;

namespace DropIn.Web.Features.Queue;

/// <summary>
/// Passes queue changes from the bus to the display clients connected to this server: waiting-room boards and students'
/// private queue pages. With several servers each relays to its own clients, having heard every server's changes over
/// Redis (<see cref="RedisLiveUpdates"/>). Each change is read once here (<see cref="QueuePositions"/>: ticket numbers,
/// waits and rooms, what the board shows anyway) and sent with the message, so hundreds of students' pages follow
/// their place without each asking the database; a page asks for its own panel only when its stage changes.
/// </summary>
internal sealed class DisplayHubRelay(ILiveUpdates live, IHubContext<DisplayHub> hub, IServiceScopeFactory scopes, ILogger<DisplayHubRelay> logger) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = live.Subscribe(change => change switch
        {
            QueueChanged queue => QueueChangedAsync(queue.SessionId),
            // No positions: every client fetches its whole panel, so what was missed is caught up.
            ChangesMayHaveBeenMissed => SendAsync(Guid.Empty, null),
            _ => Task.CompletedTask,
        });
        return Task.CompletedTask;
    }

    private async Task QueueChangedAsync(Guid sessionId)
    {
        QueuePositions? positions = null;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            positions = await scope.ServiceProvider.GetRequiredService<QueueService>().GetPositionsAsync(sessionId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Clients then fetch their panels themselves: slower, never wrong.
            logger.LogWarning(e, "Could not read the queue's positions for the display clients");
        }

        await SendAsync(sessionId, positions);
    }

    private Task SendAsync(Guid sessionId, QueuePositions? positions) =>
        hub.Clients.All.SendAsync(DisplayHub.QueueChangedMessage, sessionId, positions, CancellationToken.None);

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
