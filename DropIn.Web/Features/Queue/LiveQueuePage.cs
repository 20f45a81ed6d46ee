using DropIn.Domain;
using System.Security.Claims;
using DropIn.Domain.Queue;
using DropIn.Web.Live;
using DropIn.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace DropIn.Web.Features.Queue;

/// <summary>
/// A queue screen that redraws when the queue changes anywhere: it listens on the bus for ids and re-reads
/// through <see cref="QueueService"/>, so each screen sees only what its user may see.
/// </summary>
public abstract class LiveQueuePage : ComponentBase, IDisposable
{
    private IDisposable? _subscription;

    [Inject] public required QueueService Queue { get; init; }
    [Inject] public required ILiveUpdates Live { get; init; }
    [Inject] public required ISnackbar Snackbar { get; init; }
    [CascadingParameter] public required Task<AuthenticationState> AuthenticationState { get; set; }

    protected ClaimsPrincipal User { get; private set; } = new();

    /// <summary>Set after the first interactive render, so browser tests know the page will respond to clicks.</summary>
    protected bool Interactive { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        User = (await AuthenticationState).User;
        await ReloadAsync();
        _subscription = Live.Subscribe(change => change is QueueChanged
            ? InvokeAsync(async () =>
            {
                try
                {
                    await ReloadAsync();
                    StateHasChanged();
                }
                catch (Exception ex)
                {
                    await DispatchExceptionAsync(ex);
                }
            })
            : Task.CompletedTask);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            Interactive = true;
            StateHasChanged();
        }
    }

    protected abstract Task ReloadAsync();

    /// <summary>Runs a queue action; a refused rule or permission becomes a message, never a broken screen.</summary>
    protected async Task<bool> ActAsync(Func<Task> action, string? done = null)
    {
        try
        {
            await action();
            if (done is not null)
            {
                Snackbar.Add(done, Severity.Success);
            }

            await ReloadAsync();
            return true;
        }
        catch (Exception ex) when (ex is RuleException or ForbiddenException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
            await ReloadAsync();
            return false;
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}
