using DropIn.Domain;
using DropIn.Domain.Cases;
using DropIn.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DropIn.Web.Components.Shared;

/// <summary>
/// A screen that acts through a feature's service and shows a refusal in the service's own words: the one way a
/// component acts and fails, and the one way it redraws after a live change. Public pages use it as it is (their
/// messages are inline: there is no toast on a static page), as does a dialog that needs no user; staff screens use
/// <see cref="StaffComponentBase"/>, which adds the signed-in user. Anything else a service throws is a fault, not a
/// refusal, and reaches the layout's error boundary.
/// </summary>
public abstract class ActingComponentBase : ComponentBase
{
    [Inject] public required ISnackbar Snackbar { get; init; }

    /// <summary>
    /// Whether the service said no: a rule (<see cref="RuleException"/>), a permission (<see cref="ForbiddenException"/>)
    /// or someone else's save that came first (<see cref="EditConflictException"/>). Their messages are written for the user.
    /// </summary>
    public static bool IsRefusal(Exception ex) => ex is RuleException or ForbiddenException or EditConflictException;

    /// <summary>Runs an action; a refusal becomes a message, never a broken screen.</summary>
    /// <param name="done">A toast when it was done; none when null.</param>
    /// <param name="refused">Where to show a refusal next to what it is about; when null the refusal is a toast.</param>
    /// <param name="conflicted">For a screen that keeps both texts when someone else saved first; when null a conflict
    /// is a refusal like any other.</param>
    /// <returns>Whether it was done.</returns>
    protected async Task<bool> ActAsync(Func<Task> action, string? done = null, Action<string>? refused = null, Action<EditConflictException>? conflicted = null)
    {
        var ok = false;
        await RunActionAsync(async () =>
        {
            ok = await TryAsync(action, refused, conflicted);
        });
        if (ok && done is not null)
        {
            Snackbar.Add(done, Severity.Success);
        }

        return ok;
    }

    /// <summary>
    /// Reads what the screen shows; a refusal (a barrier put up, a permission taken away, a record that is gone) goes to
    /// <paramref name="refused"/>, where the screen says so in place of what it showed.
    /// </summary>
    /// <returns>Whether it was read.</returns>
    protected Task<bool> ReadOrRefuseAsync(Func<Task> read, Action<string> refused) => TryAsync(read, refused, conflicted: null);

    /// <summary>
    /// Redraws after work started from outside the screen (a live change): on the screen's own thread, and a fault in
    /// it reaches the layout's error boundary as an event handler's would, instead of ending the connection.
    /// </summary>
    protected Task RedrawAfterAsync(Func<Task> work) => InvokeAsync(async () =>
    {
        try
        {
            await work();
            StateHasChanged();
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    });

    /// <summary>How an action runs: a live page runs it so that the screen reads once afterwards.</summary>
    protected virtual Task RunActionAsync(Func<Task> action) => action();

    private async Task<bool> TryAsync(Func<Task> work, Action<string>? refused, Action<EditConflictException>? conflicted)
    {
        try
        {
            await work();
            return true;
        }
        catch (EditConflictException conflict) when (conflicted is not null)
        {
            conflicted(conflict);
        }
        catch (Exception ex) when (IsRefusal(ex))
        {
            if (refused is null)
            {
                Snackbar.Add(ex.Message, Severity.Error);
            }
            else
            {
                refused(ex.Message);
            }
        }

        return false;
    }
}
