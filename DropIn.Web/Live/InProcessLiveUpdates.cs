using System.Collections.Immutable;

namespace DropIn.Web.Live;

internal sealed class InProcessLiveUpdates(ILogger<InProcessLiveUpdates> logger) : ILiveUpdates
{
    private ImmutableList<Func<LiveChange, Task>> _handlers = [];

    public async Task PublishAsync(LiveChange change)
    {
        // Handlers run concurrently: a slow or failing screen must not hold up the others.
        await Task.WhenAll(_handlers.Select(async handler =>
        {
            try
            {
                await handler(change);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A live-update subscriber failed on {Change}", change.GetType().Name);
            }
        }));
    }

    public IDisposable Subscribe(Func<LiveChange, Task> handler)
    {
        ImmutableInterlocked.Update(ref _handlers, list => list.Add(handler));
        return new Subscription(() => ImmutableInterlocked.Update(ref _handlers, list => list.Remove(handler)));
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
