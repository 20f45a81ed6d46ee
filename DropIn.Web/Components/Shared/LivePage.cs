using System.Security.Claims;
using DropIn.Domain;
using DropIn.Web.Live;
using DropIn.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace DropIn.Web.Components.Shared;

/// <summary>
/// A staff screen that redraws when something it shows changes anywhere: it listens on the bus for ids and re-reads
/// through its feature's service, so each screen sees only what its user may see.
/// </summary>
public abstract class LivePage : ComponentBase, IDisposable
{
    private LiveReader? _live;

    [Inject] public required ILiveUpdates Live { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }
    [CascadingParameter] public required Task<AuthenticationState> AuthenticationState { get; set; }

    protected ClaimsPrincipal User { get; private set; } = new();

    protected override async Task OnInitializedAsync()
    {
        User = (await AuthenticationState).User;
        // A dispute's barrier can take away what any screen shows, so every screen re-reads when one changes.
        _live = LiveReader.Listen(Live, change => change is DisputeChanged || Concerns(change), ReloadAsync, read => InvokeAsync(async () =>
        {
            try
            {
                await read();
                StateHasChanged();
            }
            catch (Exception ex)
            {
                await DispatchExceptionAsync(ex);
            }
        }));
        await _live.ReadAsync();
    }

    /// <summary>Whether this change could alter what the page shows.</summary>
    protected abstract bool Concerns(LiveChange change);

    protected abstract Task ReloadAsync();

    /// <summary>Runs an action; a refused rule or permission becomes a toast, never a broken screen.</summary>
    protected Task<bool> ActAsync(Func<Task> action, string? done = null) => ActAsync(action, done, refused: null);

    /// <summary>Runs an action; a refused rule or permission becomes a message, never a broken screen.</summary>
    /// <param name="refused">Where to show a refusal next to the field it is about; when null the refusal is a toast.</param>
    protected async Task<bool> ActAsync(Func<Task> action, string? done, Action<string>? refused)
    {
        try
        {
            await action();
            if (done is not null)
            {
                Snackbar.Add(done, Severity.Success);
            }

            await RereadAsync();
            return true;
        }
        catch (Exception ex) when (ex is RuleException or ForbiddenException)
        {
            if (refused is null)
            {
                Snackbar.Add(ex.Message, Severity.Error);
            }
            else
            {
                refused(ex.Message);
            }

            await RereadAsync();
            return false;
        }
    }

    /// <summary>Reads again after this screen's own action, never at the same time as a read for a change.</summary>
    protected Task RereadAsync() => _live?.ReadAsync() ?? ReloadAsync();

    public void Dispose()
    {
        _live?.Dispose();
        GC.SuppressFinalize(this);
    }
}
