using Bunit;
using DropIn.Domain.Appointments;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Appointments;
using DropIn.Web.Features.Appointments.Diary;
using DropIn.Web.Live;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DropIn.Tests.Components;

public sealed class DiaryComponentTests : MudTestContext
{
    private static Appointment Confirmed(AppointmentKind kind = AppointmentKind.InPerson)
    {
        var start = London.At(2026, 11, 25, 10, 0);
        return Appointment.BookedByStaff(new Slot("sam", start, start.AddMinutes(45)), new StudentBooking("Ada Lovelace", "al1@cam.ac.uk", "0770", "Housing", kind), "Advice room 2", null, "hash", start.AddDays(-2), "rita");
    }

    [Fact]
    public void AppointmentCard_ShowsTimeStudentTopicRoomAndStatus()
    {
        var card = Render<AppointmentCard>(p => p.Add(c => c.Entry, new DiaryEntry(Confirmed(), "Sam Okafor", 0, false)));

        Assert.Contains("10:00–10:45", card.Markup);
        Assert.Contains("Ada Lovelace", card.Markup);
        Assert.Contains("Housing · Advice room 2", card.Markup);
        Assert.Contains("Confirmed", card.Markup);
        Assert.Empty(card.FindAll("button"));
    }

    [Fact]
    public void AppointmentCard_WarningDue_SaysHowManyWereMissed()
    {
        var card = Render<AppointmentCard>(p => p.Add(c => c.Entry, new DiaryEntry(Confirmed(), "Sam Okafor", 2, true)));

        Assert.Contains("Warning due: 2 missed", card.Markup);
    }

    [Fact]
    public void AppointmentCard_Manage_MenuOffersAttendanceMoveAndCancel()
    {
        var popover = Render<MudPopoverProvider>();
        Appointment? cancelled = null;
        var card = Render<AppointmentCard>(p => p
            .Add(c => c.Entry, new DiaryEntry(Confirmed(), "Sam Okafor", 0, false))
            .Add(c => c.CanManage, true)
            .Add(c => c.OnCancel, (Appointment a) => cancelled = a));

        card.Find("button[aria-label^='Actions for Ada Lovelace']").Click();
        var items = popover.FindAll(".mud-menu-item").Select(i => i.TextContent.Trim()).ToList();
        popover.FindAll(".mud-menu-item").Single(i => i.TextContent.Contains("Cancel")).Click();

        Assert.Equal(["Attended", "No-show", "Move…", "Cancel…"], items);
        Assert.NotNull(cancelled);
    }

    [Fact]
    public void AppointmentCard_HiddenByABarrier_OffersNoAction()
    {
        var entry = new DiaryEntry(Confirmed().Redacted("Hidden: an information barrier applies"), "Sam Okafor", 0, false, Hidden: true);

        var card = Render<AppointmentCard>(p => p.Add(c => c.Entry, entry).Add(c => c.CanManage, true).Add(c => c.OnFile, (Appointment _) => { }));

        Assert.Contains("Hidden: an information barrier applies", card.Markup);
        Assert.Empty(card.FindAll("button"));
    }

    [Fact]
    public async Task SlotPicker_Open_WhenItsDayChangesElsewhere_ShowsTheTimesAsTheyAreNow()
    {
        // An extra drop-in session (or a booking elsewhere) takes Sam's 11:00 while the dialog is open.
        var live = new InProcessLiveUpdates(Microsoft.Extensions.Logging.Abstractions.NullLogger<InProcessLiveUpdates>.Instance);
        Services.AddSingleton<ILiveUpdates>(live);
        Services.AddSingleton<TimeProvider>(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(London.At(2026, 11, 20, 9, 0)));
        var day = new DateOnly(2026, 11, 23);
        IReadOnlyList<StaffSlot> offered = [new StaffSlot(new Slot("sam", London.At(2026, 11, 23, 11, 0), London.At(2026, 11, 23, 11, 45)), "Sam Okafor")];
        var loads = 0;
        Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<SlotPickerDialog>("Book an appointment", new DialogParameters<SlotPickerDialog>
        {
            { d => d.LoadSlots, _ => { loads++; return Task.FromResult(offered); } },
            { d => d.StartDate, day },
        }));
        provider.WaitForAssertion(() => Assert.Equal(1, loads));

        offered = [];
        await live.PublishAsync(new DiaryChanged(day.AddDays(1)));
        await live.PublishAsync(new DiaryChanged(day));

        provider.WaitForAssertion(() => Assert.Contains("No free times that day", provider.Markup, StringComparison.Ordinal));
        Assert.Equal(2, loads);
    }
}
