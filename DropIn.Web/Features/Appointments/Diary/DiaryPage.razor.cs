using System.Globalization;
using DropIn.Domain.Appointments;
using DropIn.Web.Components.Shared;
using DropIn.Web.Features.Appointments;
using DropIn.Web.Features.Cases;
using DropIn.Web.Live;
using DropIn.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DropIn.Web.Features.Appointments.Diary;

public partial class DiaryPage
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    private DiaryView? _view;
    private DateOnly _date;
    private bool _week;
    private bool _canManage;
    private EventCallback<Appointment> _file;

    [Inject] public required DiaryService Diary { get; init; }
    [Inject] public required IAuthorizationService Authorization { get; init; }
    [Inject] public required IDialogService Dialogs { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }

    /// <summary>Optional yyyy-MM-dd, so a link can open the diary on a given day (checked by <see cref="Components.Requests.QueryValues"/>).</summary>
    [SupplyParameterFromQuery] public DateOnly? Date { get; set; }

    private DateOnly From => _week ? _date.AddDays(-(((int)_date.DayOfWeek + 6) % 7)) : _date;
    private DateOnly To => _week ? From.AddDays(4) : _date;

    private string RangeText => _week
        ? $"Week of {From.ToString("d MMMM yyyy", English)}"
        : _date.ToString("dddd d MMMM yyyy", English);

    protected override async Task OnInitializedAsync()
    {
        _date = Date ?? Diary.Today;
        _canManage = (await Authorization.AuthorizeAsync((await AuthenticationState).User, Permissions.ManageAppointments)).Succeeded;
        if ((await Authorization.AuthorizeAsync((await AuthenticationState).User, Permissions.EditCases)).Succeeded)
        {
            _file = EventCallback.Factory.Create<Appointment>(this, FileAsync);
        }
        await base.OnInitializedAsync();
    }

    protected override bool Concerns(LiveChange change) => change is DiaryChanged d && d.Date >= From && d.Date <= To;

    protected override async Task ReloadAsync() => _view = await Diary.GetAsync(User, From, To);

    private async Task ShiftAsync(int direction)
    {
        _date = _date.AddDays(direction * (_week ? 7 : 1));
        await RereadAsync();
    }

    private async Task TodayAsync()
    {
        _date = Diary.Today;
        await RereadAsync();
    }

    private async Task SetWeekAsync(bool week)
    {
        _week = week;
        await RereadAsync();
    }

    private async Task OpenDayAsync(DateOnly date)
    {
        _date = date;
        _week = false;
        await RereadAsync();
    }

    private async Task BookAsync()
    {
        if (await PickAsync("Book for a student", forBooking: true, moving: null) is { Student: { } student } choice)
        {
            await ActAsync(() => Diary.BookAsync(User, choice.Slot, student), $"Booked {student.Name}; they have been emailed");
        }
    }

    private async Task MoveAsync(Appointment appointment)
    {
        if (await PickAsync($"Move {appointment.StudentName}", forBooking: false, moving: appointment.Id) is { } choice)
        {
            await ActAsync(() => Diary.MoveAsync(User, appointment.Id, choice.Slot), "Moved; the student has been emailed");
        }
    }

    private async Task CancelAsync(Appointment appointment)
    {
        var reason = await Dialogs.PromptAsync($"Cancel {appointment.StudentName}'s appointment", "Why is it cancelled? The reason is recorded; the student is emailed.", "Reason", "Cancel appointment");
        if (reason is not null)
        {
            await ActAsync(() => Diary.CancelAsync(User, appointment.Id, reason), "Cancelled; the student has been emailed");
        }
    }

    private Task AttendedAsync(Appointment appointment) => ActAsync(() => Diary.MarkAttendedAsync(User, appointment.Id), "Marked attended");

    private async Task FileAsync(Appointment appointment)
    {
        if (await Dialogs.FileOnCaseAsync(new LinkSource(LinkSourceKind.Appointment, appointment.Id), Snackbar, Navigation) is not null)
        {
            await RereadAsync();
        }
    }

    private Task NoShowAsync(Appointment appointment) => ActAsync(() => Diary.MarkNoShowAsync(User, appointment.Id), "Marked as a no-show");

    private async Task<SlotChoice?> PickAsync(string title, bool forBooking, Guid? moving)
    {
        var dialog = await Dialogs.ShowAsync<SlotPickerDialog>(title, new DialogParameters<SlotPickerDialog>
        {
            { d => d.LoadSlots, date => Diary.FreeSlotsAsync(User, date, moving) },
            { d => d.StartDate, _date < Diary.Today ? Diary.Today : _date },
            { d => d.ForBooking, forBooking },
        }, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        return await dialog.Result is { Canceled: false, Data: SlotChoice choice } ? choice : null;
    }
}
