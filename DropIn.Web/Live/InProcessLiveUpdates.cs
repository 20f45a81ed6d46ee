using System.Collections.Immutable;

namespace DropIn.Web.Live;

internal sealed class InProcessLiveUpdates(ILogger<InProcessLiveUpdates> logger) : ILiveUpdates
{
    private ImmutableList<Func<LiveChange, Task>> _handlers = [];
    private ImmutableList<Action<LiveChange>> _watchers = [];

    public bool HearsEveryServer => true;

    /// <summary>
    /// Hands the change to every subscriber and returns without waiting for them: the member of staff who checked a
    /// student in must not wait while a hundred screens redraw, and a slow or failing screen holds up no other.
    /// </summary>
    public Task PublishAsync(LiveChange change)
    {
        foreach (var watcher in _watchers)
        {
            watcher(change);
        }

        foreach (var handler in _handlers)
        {
            _ = DeliverAsync(handler, change);
        }

        return Task.CompletedTask;
    }

    public IDisposable Subscribe(Func<LiveChange, Task> handler)
    {
        ImmutableInterlocked.Update(ref _handlers, list => list.Add(handler));
        return new Subscription(() => ImmutableInterlocked.Update(ref _handlers, list => list.Remove(handler)));
    }

    public IDisposable Watch(Action<LiveChange> onChange)
    {
        ImmutableInterlocked.Update(ref _watchers, list => list.Add(onChange));
        return new Subscription(() => ImmutableInterlocked.Update(ref _watchers, list => list.Remove(onChange)));
    }

    private async Task DeliverAsync(Func<LiveChange, Task> handler, LiveChange change)
    {
        try
        {
            await handler(change);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A live-update subscriber failed on {Change}", change.GetType().Name);
        }
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                unsubscribe();
            }
        }
    }
}
