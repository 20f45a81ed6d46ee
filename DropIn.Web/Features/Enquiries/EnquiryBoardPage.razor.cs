using System.Globalization;
using DropIn.Domain.Calendar;
using DropIn.Domain.Enquiries;
using DropIn.Web.Components.Shared;
using DropIn.Web.Features.Appointments.Diary;
using DropIn.Web.Features.Cases;
using DropIn.Web.Live;
using DropIn.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DropIn.Web.Features.Enquiries;

public partial class EnquiryBoardPage
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    private SlaBoard? _board;
    private IReadOnlyList<SlaReportRow> _report = [];
    private string _assignee = "*";
    private string _channel = "*";
    private bool _canFile;

    [Inject] public required EnquiryService Enquiries { get; init; }
    [Inject] public required IDialogService Dialogs { get; init; }
    [Inject] public required DiaryService Diary { get; init; }
    [Inject] public required TimeProvider Time { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }
    [Inject] public required IAuthorizationService Authorization { get; init; }

    protected override bool Concerns(LiveChange change) => change is EnquiryChanged;

    protected override async Task ReloadAsync()
    {
        _canFile = (await Authorization.AuthorizeAsync(User, Permissions.EditCases)).Succeeded;
        _board = await Enquiries.BoardAsync(User, _assignee == "*" ? null : _assignee, Enum.TryParse<EnquiryChannel>(_channel, out var c) ? c : null);
        var today = LondonTime.Today(Time);
        _report = await Enquiries.ReportAsync(User, new DateOnly(today.Year, 1, 1), today);
    }

    /// <summary>"3 of 4 (75%)", or a dash while nothing is due: a share of none is not 0%.</summary>
    private static string Share(int kept, int due, double? share) =>
        share is { } s ? $"{kept} of {due} ({s.ToString("P0", English)})" : "–";

    private async Task SetAssigneeAsync(string value)
    {
        _assignee = value;
        await RereadAsync();
    }

    private async Task SetChannelAsync(string value)
    {
        _channel = value;
        await RereadAsync();
    }

    private async Task RecordAsync()
    {
        var dialog = await Dialogs.ShowAsync<RecordEnquiryDialog>("Record an enquiry", new DialogParameters<RecordEnquiryDialog>
        {
            { d => d.Staff, _board?.Staff ?? [] },
            { d => d.Record, async r =>
                {
                    var enquiry = await Enquiries.RecordAsync(User, r.Channel, LondonTime.ToInstant(r.ReceivedDate, r.ReceivedTime), r.FromName, r.Contact, r.Summary, r.AssigneeId, r.StudentId);
                    Snackbar.Add($"Recorded: acknowledge by {Clock.Day(enquiry.TargetAt)} 17:00", Severity.Success);
                }
            },
        }, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
        {
            await RereadAsync();
        }
    }

    private Task AcknowledgeAsync(Enquiry enquiry, AcknowledgementMethod how) =>
        ActAsync(() => Enquiries.AcknowledgeAsync(User, enquiry.Id, how), $"Acknowledged: {enquiry.FromName}");

    /// <summary>For an acknowledgement given before it was recorded here, e.g. a reply sent from the shared mailbox.</summary>
    private async Task AcknowledgedEarlierAsync(Enquiry enquiry)
    {
        var when = await Dialogs.PromptAsync($"When was {enquiry.FromName} acknowledged?", "London time, as yyyy-MM-dd HH:mm (e.g. 2026-11-24 15:30). Recorded as acknowledged by email.", "Acknowledged at", "Save");
        if (when is null)
        {
            return;
        }

        if (!DateTime.TryParseExact(when, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            Snackbar.Add("Enter the time as yyyy-MM-dd HH:mm, e.g. 2026-11-24 15:30.", Severity.Error);
            return;
        }

        var at = LondonTime.ToInstant(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
        await ActAsync(() => Enquiries.AcknowledgeAsync(User, enquiry.Id, AcknowledgementMethod.Email, at), $"Acknowledged: {enquiry.FromName}");
    }

    /// <summary>Turns the enquiry into an appointment: the diary's booking dialog, prefilled; once booked the enquiry is done.</summary>
    private async Task BookAsync(Enquiry enquiry)
    {
        var dialog = await Dialogs.ShowAsync<SlotPickerDialog>($"Book an appointment for {enquiry.FromName}", new DialogParameters<SlotPickerDialog>
        {
            { d => d.LoadSlots, date => Diary.FreeSlotsAsync(User, date) },
            { d => d.StartDate, Diary.Today },
            { d => d.ForBooking, true },
            { d => d.StudentName, enquiry.FromName },
            { d => d.StudentContact, enquiry.Contact },
        }, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: SlotChoice { Student: { } student } choice })
        {
            await ActAsync(async () =>
            {
                await Diary.BookAsync(User, choice.Slot, student);
                await Enquiries.ResolveAsync(User, enquiry.Id, EnquiryOutcome.AppointmentBooked, null);
            }, $"Booked {student.Name}; the enquiry is done");
        }
    }

    /// <summary>Filing the enquiry on a case deals with it: it leaves the board as "case opened".</summary>
    private async Task FileAsync(Enquiry enquiry)
    {
        if (await Dialogs.FileOnCaseAsync(new LinkSource(LinkSourceKind.Enquiry, enquiry.Id), Snackbar, Navigation) is not null)
        {
            await RereadAsync();
        }
    }

    private async Task CloseAsync(Enquiry enquiry)
    {
        var reason = await Dialogs.PromptAsync($"Close the enquiry from {enquiry.FromName}", "Why is it closed? (e.g. answered by email, not for this service)", "Reason", "Close enquiry");
        if (reason is not null)
        {
            await ActAsync(() => Enquiries.ResolveAsync(User, enquiry.Id, EnquiryOutcome.Closed, reason), "Closed");
        }
    }
}
