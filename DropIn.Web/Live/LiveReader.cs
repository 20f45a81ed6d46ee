namespace DropIn.Web.Live;

/// <summary>
/// Keeps what one screen shows current. It listens before the first read, so a change made while that read runs is
/// not missed: subscribing after it left a second caseworker's case file without an entry saved meanwhile. Reads
/// run one at a time, so an older read never overwrites a newer one. Changes that arrive during a read are
/// coalesced: they cause one more read, not one read each.
/// </summary>
public sealed class LiveReader : IDisposable
{
    private readonly SemaphoreSlim _reading = new(1, 1);
    private readonly Func<Task> _read;
    private IDisposable? _subscription;
    private int _waiting;

    private LiveReader(Func<Task> read) => _read = read;

    /// <summary>
    /// Starts listening at once; call <see cref="ReadAsync"/> for the first read after this returns.
    /// </summary>
    /// <param name="concerns">Whether a change could alter what the screen shows.</param>
    /// <param name="read">Reads what the screen shows (through its feature's service).</param>
    /// <param name="onScreen">Runs a read triggered by a change where the screen can redraw after it
    /// (a component's <c>InvokeAsync</c>, then <c>StateHasChanged</c>).</param>
    public static LiveReader Listen(ILiveUpdates live, Func<LiveChange, bool> concerns, Func<Task> read, Func<Func<Task>, Task> onScreen)
    {
        var reader = new LiveReader(read);
        reader._subscription = live.Subscribe(change => concerns(change) ? onScreen(reader.ReadForChangeAsync) : Task.CompletedTask);
        return reader;
    }

    /// <summary>Reads now, or after the read under way: for the first read and after the screen's own actions.</summary>
    public async Task ReadAsync()
    {
        await _reading.WaitAsync();
        try
        {
            await _read();
        }
        finally
        {
            _reading.Release();
        }
    }

    /// <summary>
    /// A read for a change. If one is already waiting to start, it will see everything this one would, so this one
    /// is dropped: a burst of changes costs one more read, not one each.
    /// </summary>
    private async Task ReadForChangeAsync()
    {
        if (Interlocked.Increment(ref _waiting) > 1)
        {
            Interlocked.Decrement(ref _waiting);
            return;
        }

        await _reading.WaitAsync();
        Interlocked.Decrement(ref _waiting);
        try
        {
            await _read();
        }
        finally
        {
            _reading.Release();
        }
    }

    public void Dispose() => _subscription?.Dispose();
}
