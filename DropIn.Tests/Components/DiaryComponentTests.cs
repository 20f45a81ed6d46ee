using Bunit;
using DropIn.Domain.Appointments;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Appointments;
using DropIn.Web.Features.Diary;
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
}
