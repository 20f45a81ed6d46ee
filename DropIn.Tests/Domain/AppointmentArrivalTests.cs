using DropIn.Domain;
using DropIn.Domain.Appointments;
using DropIn.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Domain;

/// <summary>Reception's "arrived" for an appointment: today's only, the first press stands.</summary>
public sealed class AppointmentArrivalTests
{
    private static Appointment Booked(DateTimeOffset start) =>
        Appointment.BookedByStaff(new Slot("sam", start, start.AddMinutes(45)), new StudentBooking("Ada Lovelace", "al123@cam.ac.uk", null, "Academic appeal", AppointmentKind.InPerson), null, null, "hash", start.AddDays(-3), "reception");

    [Fact]
    public void MarkArrived_PressedTwice_KeepsTheFirstTime()
    {
        var clock = London.Clock(2026, 11, 24, 10, 52);
        var appointment = Booked(London.At(2026, 11, 24, 11, 0));

        appointment.MarkArrived(clock.GetUtcNow());
        var version = appointment.Version;
        clock.Advance(TimeSpan.FromMinutes(3));
        appointment.MarkArrived(clock.GetUtcNow());

        Assert.Equal(London.At(2026, 11, 24, 10, 52), appointment.ArrivedAt);
        Assert.Equal(version, appointment.Version);
    }

    [Fact]
    public void MarkArrived_ForACancelledAppointment_IsRefusedInPlainWords()
    {
        var clock = London.Clock(2026, 11, 24, 9, 0);
        var appointment = Booked(London.At(2026, 11, 24, 11, 0));
        appointment.Cancel("Caseworker ill", "reception", clock.GetUtcNow());
        clock.Advance(TimeSpan.FromHours(1.5));

        var refused = Assert.Throws<RuleException>(() => appointment.MarkArrived(clock.GetUtcNow()));

        Assert.Contains("cancelled", refused.Message);
        Assert.Null(appointment.ArrivedAt);
    }

    [Theory]
    [InlineData("2026-11-23 17:00")] // the day before
    [InlineData("2026-11-25 09:00")] // the day after
    public void MarkArrived_OnAnotherDay_IsRefused(string now)
    {
        var appointment = Booked(London.At(2026, 11, 24, 11, 0));

        var refused = Assert.Throws<RuleException>(() => appointment.MarkArrived(London.At(now)));

        Assert.Equal("Only today's appointments can be marked as arrived.", refused.Message);
    }

    [Fact]
    public void MarkArrived_OnTheAutumnClockChange_CountsTheWholeLondonDay()
    {
        // Sunday 25 October 2026 has 25 hours: 00:30 BST is 23:30 UTC on the Saturday, 23:50 GMT is 23:50 UTC on the Sunday.
        var clock = new FakeTimeProvider(London.At(2026, 10, 25, 23, 50));
        var appointment = Booked(London.At(2026, 10, 25, 0, 30));

        appointment.MarkArrived(clock.GetUtcNow());

        Assert.Equal(clock.GetUtcNow(), appointment.ArrivedAt);
    }

    [Fact]
    public void MarkArrived_OnTheEveningOfTheSpringClockChange_IsNotTomorrowsAppointment()
    {
        // Sunday 29 March 2026, 23:00 BST (22:00 UTC); the appointment is Monday 00:30 BST, still Sunday 23:30 in UTC.
        var clock = new FakeTimeProvider(London.At(2026, 3, 29, 23, 0));
        var appointment = Booked(London.At(2026, 3, 30, 0, 30));

        Assert.Throws<RuleException>(() => appointment.MarkArrived(clock.GetUtcNow()));
    }

    [Fact]
    public void MarkNotArrived_UndoesAMistakenPress_AndAnotherPressStampsTheNewTime()
    {
        var clock = London.Clock(2026, 11, 24, 10, 52);
        var appointment = Booked(London.At(2026, 11, 24, 11, 0));
        appointment.MarkArrived(clock.GetUtcNow());

        appointment.MarkNotArrived();
        Assert.Null(appointment.ArrivedAt);
        clock.Advance(TimeSpan.FromMinutes(5));
        appointment.MarkArrived(clock.GetUtcNow());

        Assert.Equal(London.At(2026, 11, 24, 10, 57), appointment.ArrivedAt);
    }

    [Fact]
    public void MarkArrived_AfterAttendanceWasRecorded_IsRefused()
    {
        var appointment = Booked(London.At(2026, 11, 24, 11, 0));
        appointment.MarkNoShow(London.At(2026, 11, 24, 11, 30));

        var refused = Assert.Throws<RuleException>(() => appointment.MarkArrived(London.At(2026, 11, 24, 11, 40)));

        Assert.Contains("Attendance is already recorded", refused.Message);
    }
}
