namespace DropIn.Web.Live;

/// <summary>
/// Keeps what one screen shows current. It listens before the first read, so a change made while that read runs is
/// not missed: subscribing after it left a second caseworker's case file without an entry saved meanwhile. Reads
/// run one at a time, so an older read never overwrites a newer one. A read is asked for by a number; it is dropped
/// when a read that started after it was asked for has already run, so a burst of changes costs one more read, not
/// one each, and the screen that acted reads once for its action, not again for the change it published.
/// </summary>
public sealed class LiveReader : IDisposable
{
    private readonly SemaphoreSlim _reading = new(1, 1);
    private readonly Lock _actions = new();
    private readonly Func<Task> _read;
    private IDisposable? _subscription;
    private long _asked;
    private long _covered;
    private int _acting;
    private TaskCompletionSource? _actionsDone;

    private LiveReader(Func<Task> read) => _read = read;

    /// <summary>
    /// Starts listening at once; call <see cref="ReadAsync"/> for the first read after this returns.
    /// </summary>
    /// <param name="concerns">Whether a change could alter what the screen shows. A screen re-reads after
    /// <see cref="ChangesMayHaveBeenMissed"/> whatever this says.</param>
    /// <param name="read">Reads what the screen shows (through its feature's service).</param>
    /// <param name="onScreen">Runs a read triggered by a change where the screen can redraw after it
    /// (a component's <c>InvokeAsync</c>, then <c>StateHasChanged</c>).</param>
    public static LiveReader Listen(ILiveUpdates live, Func<LiveChange, bool> concerns, Func<Task> read, Func<Func<Task>, Task> onScreen)
    {
        var reader = new LiveReader(read);
        reader._subscription = live.Subscribe(change => change is ChangesMayHaveBeenMissed || concerns(change) ? onScreen(reader.ReadForChangeAsync) : Task.CompletedTask);
        return reader;
    }

    /// <summary>Reads now, or after the read under way: for the first read and when the screen asks for something else.</summary>
    public Task ReadAsync() => ReadAsync(Interlocked.Increment(ref _asked));

    /// <summary>
    /// Runs one of the screen's own actions, then reads once. Changes that arrive meanwhile (its own, published by the
    /// service it calls, and anyone else's) wait for that read, which starts after they were asked for and so covers
    /// them. If the action throws, nothing is read and the waiting changes read as usual.
    /// </summary>
    public async Task ActAsync(Func<Task> action)
    {
        lock (_actions)
        {
            if (_acting++ == 0)
            {
                _actionsDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        Task read;
        try
        {
            await action();
            // Asked for before the waiting changes are let go, so it is the read that covers them.
            read = ReadAsync();
        }
        finally
        {
            EndAction();
        }

        await read;
    }

    private void EndAction()
    {
        lock (_actions)
        {
            if (--_acting == 0)
            {
                _actionsDone!.SetResult();
                _actionsDone = null;
            }
        }
    }

    private async Task ReadForChangeAsync()
    {
        var asked = Interlocked.Increment(ref _asked);
        Task? actions;
        lock (_actions)
        {
            actions = _actionsDone?.Task;
        }

        if (actions is not null)
        {
            await actions;
        }

        await ReadAsync(asked);
    }

    private async Task ReadAsync(long asked)
    {
        await _reading.WaitAsync();
        try
        {
            // Only this method, holding _reading, touches _covered.
            if (_covered >= asked)
            {
                return;
            }

            var covers = Interlocked.Read(ref _asked);
            await _read();
            // A read that failed covers nothing: what waits behind it reads again.
            _covered = covers;
        }
        finally
        {
            _reading.Release();
        }
    }

    public void Dispose() => _subscription?.Dispose();
}
