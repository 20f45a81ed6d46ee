using DropIn.Web.Components.Shared;
using DropIn.Web.Live;
using DropIn.Domain.Appointments;
using DropIn.Domain.Queue;
using DropIn.Web.Features.Appointments.Diary;
using DropIn.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DropIn.Web.Features.Queue;

public partial class ReceptionPage
{
    private QueueView? _view;
    // Set while the "Today" view is chosen: walk-ins and today's appointments in one list.
    private TodayView? _today;
    private bool _showToday;
    private string? _lastTicket;
    private bool _canCheckIn;
    private bool _canRun;
    private bool _canOverride;
    private bool _canOpenCases;
    private string? _withdrawnFlag;
    // A copy of what was flagged, not the form's model: the form may hold the next student by the time a manager decides.
    private StudentDetails? _flagged;
    private CheckInForm? _form;

    [Inject] public required IAuthorizationService Authorization { get; init; }
    [Inject] public required IDialogService Dialogs { get; init; }
    [Inject] public required TodayService Today { get; init; }
    [Inject] public required DiaryService Diary { get; init; }

    protected override async Task OnInitializedAsync()
    {
        await base.OnInitializedAsync();
        _canCheckIn = (await Authorization.AuthorizeAsync(User, Permissions.CheckIn)).Succeeded;
        _canRun = (await Authorization.AuthorizeAsync(User, Permissions.RunSession)).Succeeded;
        _canOverride = (await Authorization.AuthorizeAsync(User, Permissions.DecideWithdrawal)).Succeeded;
        _canOpenCases = (await Authorization.AuthorizeAsync(User, Permissions.ViewCases)).Succeeded;
    }

    protected override bool Concerns(LiveChange change) => change is QueueChanged || (_showToday && change is DiaryChanged d && d.Date == Diary.Today);

    protected override async Task ReloadAsync()
    {
        if (_showToday)
        {
            _today = await Today.GetAsync(User);
            _view = _today.Queue;
        }
        else
        {
            (_today, _view) = (null, await Queue.GetQueueAsync(User));
        }
    }

    private async Task ShowTodayAsync(bool today)
    {
        _showToday = today;
        await RereadAsync();
    }

    private Task ArrivedAsync(Appointment appointment) =>
        ActAsync(() => Diary.MarkArrivedAsync(User, appointment.Id), $"{appointment.StudentName} has arrived; {CaseworkerOf(appointment)} can see it");

    private Task NotArrivedAsync(Appointment appointment) =>
        ActAsync(() => Diary.MarkNotArrivedAsync(User, appointment.Id), $"{appointment.StudentName} is no longer marked as arrived");

    private string CaseworkerOf(Appointment appointment) =>
        _today?.Entries.FirstOrDefault(e => e.Appointment?.Appointment.Id == appointment.Id)?.Appointment?.CaseworkerName ?? "their caseworker";

    /// <summary>A withdrawn student is flagged to reception and no ticket is made; only a manager can go on.</summary>
    private Task<bool> CheckInAsync(StudentDetailsModel model) => CheckInAsync(model.ToDetails(), managerOverride: false);

    private async Task CheckInAnywayAsync()
    {
        if (_flagged is { } details)
        {
            await CheckInAsync(details, managerOverride: true);
        }
    }

    private async Task<bool> CheckInAsync(StudentDetails details, bool managerOverride)
    {
        CheckInResult? result = null;
        await ActAsync(async () => result = await Queue.CheckInAsync(User, details, managerOverride));
        switch (result)
        {
            case CheckInResult.CheckedIn { Ticket: var ticket }:
                // Whoever was flagged before is either this student or someone reception has moved on from.
                (_withdrawnFlag, _flagged) = (null, null);
                // After a manager's override the form still shows the student just checked in, unless reception
                // has moved on to the next one; it is cleared in the same render that removes the flag.
                if (managerOverride)
                {
                    _form?.ClearIfShowing(details);
                }

                _lastTicket = ticket.Code;
                Snackbar.Add($"Checked in: ticket {ticket.Code}", Severity.Success);
                break;
            case CheckInResult.Flagged { Reason: var reason }:
                (_withdrawnFlag, _flagged) = (reason, details);
                break;
        }

        // The form calls back through a plain delegate, so this page redraws only when told to.
        StateHasChanged();
        return result is CheckInResult.CheckedIn;
    }

    private async Task EditAsync(Ticket ticket)
    {
        var dialog = await Dialogs.ShowAsync<EditTicketDialog>($"Edit ticket {ticket.Code}",
            new DialogParameters<EditTicketDialog> { { d => d.Model, StudentDetailsModel.From(ticket) } });
        if (await dialog.Result is { Canceled: false, Data: StudentDetailsModel model })
        {
            await ActAsync(() => Queue.EditAsync(User, ticket.Id, model.ToDetails()), $"Ticket {ticket.Code} updated");
        }
    }

    private async Task MoveUpAsync(Ticket ticket)
    {
        var reason = await Dialogs.PromptAsync($"Move {ticket.Code} up", $"Why should {ticket.Code} be seen sooner? The reason is recorded.", "Reason", "Move up");
        if (reason is not null)
        {
            await ActAsync(() => Queue.MoveUpAsync(User, ticket.Id, reason), $"Ticket {ticket.Code} moved up");
        }
    }

    private Task MarkLeftAsync(Ticket ticket) => ActAsync(() => Queue.MarkLeftAsync(User, ticket.Id), $"Ticket {ticket.Code} marked as left");

    private Task ReturnAsync(Ticket ticket) => ActAsync(() => Queue.ReturnToQueueAsync(User, ticket.Id), $"Ticket {ticket.Code} is back in the queue");

    private Task FollowUpAsync(Ticket ticket, FollowUp followUp, string? note) =>
        ActAsync(() => Queue.RecordFollowUpAsync(User, ticket.Id, followUp, note), $"Recorded for {ticket.Code}");

    private Task OpenEarlyAsync() => ActAsync(() => Queue.OpenEarlyAsync(User, _view!.Session.Id), "The queue is open");

    private async Task CloseAsync()
    {
        if (await Dialogs.ConfirmAsync("Close the queue?", "Nobody else can be checked in. Students still waiting will be listed so you can offer each an appointment.", "Close the queue", "Keep it open"))
        {
            await ActAsync(() => Queue.CloseAsync(User, _view!.Session.Id), "The queue is closed");
        }
    }

    private async Task StartExtraAsync()
    {
        var until = await Dialogs.PromptAsync("Start an extra session", "Open the queue now, until what time today? (24-hour, e.g. 16:00)", "Ends at", "Start");
        if (until is null)
        {
            return;
        }

        if (!TimeOnly.TryParse(until, System.Globalization.CultureInfo.GetCultureInfo("en-GB"), out var end))
        {
            Snackbar.Add("Enter the end time as hours and minutes, e.g. 16:00.", Severity.Error);
            return;
        }

        await ActAsync(() => Queue.StartExtraSessionAsync(User, end), "The extra session is open");
    }
}
