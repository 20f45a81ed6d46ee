namespace DropIn.Web.Live;

/// <summary>
/// One database read shared by every open screen that shows the same thing (the queue of the day, the parties to
/// recorded disputes): the first screen to ask after a change starts the read, every other screen that asks before
/// the next change gets the same result, so a change costs one read, not one per screen. Each screen then filters
/// what it got, in memory, for its own user's permissions and barriers.
/// </summary>
/// <remarks>
/// A change makes the shared result stale at once: <see cref="ILiveUpdates.Watch"/> tells this before any screen hears
/// of the change, so a screen that re-reads for a change can never be handed a result read before it. A read that was
/// under way when a change came is handed to no one who asks after it. The result is also read again once older than
/// <c>maxAge</c> by the service clock (what the database holds changes with time alone, e.g. the session that is current), and
/// always when the bus cannot vouch that it hears every server's changes (<see cref="ILiveUpdates.HearsEveryServer"/>):
/// then each screen reads for itself, as before.
/// </remarks>
public sealed class SharedRead<T> : IDisposable
{
    private readonly Func<CancellationToken, Task<T>> _read;
    private readonly TimeSpan _maxAge;
    private readonly TimeProvider _clock;
    private readonly ILiveUpdates _live;
    private readonly IDisposable _watch;
    private readonly Lock _lock = new();
    private long _changes;
    private Shared? _shared;

    /// <param name="stales">Whether a change can alter what <paramref name="read"/> returns. A result is always read
    /// again after <see cref="ChangesMayHaveBeenMissed"/>.</param>
    /// <param name="maxAge">How long a result may be handed out when nothing has changed, by <paramref name="clock"/>.</param>
    public SharedRead(ILiveUpdates live, Func<LiveChange, bool> stales, Func<CancellationToken, Task<T>> read, TimeSpan maxAge, TimeProvider clock)
    {
        (_live, _read, _maxAge, _clock) = (live, read, maxAge, clock);
        _watch = live.Watch(change =>
        {
            if (change is ChangesMayHaveBeenMissed || stales(change))
            {
                Interlocked.Increment(ref _changes);
            }
        });
    }

    /// <summary>
    /// A result read after every change this server has heard of; the read already under way, or the last one, when
    /// that is so. A read that fails is handed to those who share it and kept for no one else.
    /// </summary>
    /// <param name="ct">Stops this caller waiting; a read others share runs on.</param>
    public Task<T> GetAsync(CancellationToken ct = default)
    {
        if (!_live.HearsEveryServer)
        {
            return _read(ct);
        }

        Task<T> task;
        lock (_lock)
        {
            var changes = Interlocked.Read(ref _changes);
            var now = _clock.GetUtcNow();
            if (_shared is { } s && s.Changes == changes && now >= s.StartedAt && now - s.StartedAt < _maxAge && !s.Read.IsFaulted && !s.Read.IsCanceled)
            {
                task = s.Read;
            }
            else
            {
                // On the thread pool, outside the lock (SQLite's async calls complete synchronously), and not with the
                // caller's token: one screen closing must not cancel the read the others wait for.
                task = Task.Run(() => _read(CancellationToken.None));
                _shared = new Shared(task, changes, now);
            }
        }

        return task.WaitAsync(ct);
    }

    public void Dispose() => _watch.Dispose();

    private sealed record Shared(Task<T> Read, long Changes, DateTimeOffset StartedAt);
}
