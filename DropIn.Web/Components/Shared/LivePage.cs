using DropIn.Web.Live;
using Microsoft.AspNetCore.Components;

namespace DropIn.Web.Components.Shared;

/// <summary>
/// A staff screen that redraws when something it shows changes anywhere: it listens on the bus for ids and re-reads
/// through its feature's service, so each screen sees only what its user may see. Its own actions
/// (<see cref="ActingComponentBase.ActAsync"/>) read once afterwards, not again for the change they publish.
/// </summary>
public abstract class LivePage : StaffComponentBase, IDisposable
{
    private LiveReader? _live;

    [Inject] public required ILiveUpdates Live { get; init; }

    protected override async Task OnInitializedAsync()
    {
        await base.OnInitializedAsync();
        // A dispute's barrier can take away what any screen shows, so every screen re-reads when one changes.
        _live = LiveReader.Listen(Live, change => change is DisputeChanged || Concerns(change), ReloadAsync, RedrawAfterAsync);
        await _live.ReadAsync();
    }

    /// <summary>Whether this change could alter what the page shows.</summary>
    protected abstract bool Concerns(LiveChange change);

    protected abstract Task ReloadAsync();

    protected override Task RunActionAsync(Func<Task> action) => _live is { } live ? live.ActAsync(action) : ActThenReloadAsync(action);

    /// <summary>Reads again when the screen asks for something else, never at the same time as a read for a change.</summary>
    protected Task RereadAsync() => _live?.ReadAsync() ?? ReloadAsync();

    private async Task ActThenReloadAsync(Func<Task> action)
    {
        await action();
        await ReloadAsync();
    }

    public void Dispose()
    {
        _live?.Dispose();
        GC.SuppressFinalize(this);
    }
}
