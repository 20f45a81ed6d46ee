using DropIn.Domain.Appointments;
using DropIn.Tests.Infrastructure;

namespace DropIn.Tests.Domain;

public sealed class AppointmentReminderTests
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    private static Appointment ConfirmedAt(DateTimeOffset confirmed, DateTimeOffset start) =>
        Appointment.BookedByStaff(new Slot("sam", start, start.AddMinutes(45)), new StudentBooking("Ada Lovelace", "al123@cam.ac.uk", null, "Academic appeal", AppointmentKind.InPerson), null, null, "hash", confirmed, "reception");

    [Theory]
    // Confirmed at 00:07 for 11:00 the same day: inside the window, so never.
    [InlineData("2026-11-23 00:07", "2026-11-23 00:08", false)]
    [InlineData("2026-11-23 00:07", "2026-11-23 10:59", false)]
    // Confirmed on Friday for Monday 11:00: from Sunday 11:00 (and after a restart that spanned it), not before.
    [InlineData("2026-11-27 16:00", "2026-11-29 10:59", false)]
    [InlineData("2026-11-27 16:00", "2026-11-29 11:00", true)]
    [InlineData("2026-11-27 16:00", "2026-11-30 10:00", true)]
    [InlineData("2026-11-27 16:00", "2026-11-30 11:00", false)]
    public void IsDue_OnlyForWhatWasConfirmedBeforeTheWindowOpened(string confirmed, string now, bool due)
    {
        var start = confirmed.StartsWith("2026-11-23", StringComparison.Ordinal) ? London.At(2026, 11, 23, 11, 0) : London.At(2026, 11, 30, 11, 0);

        Assert.Equal(due, AppointmentReminder.IsDue(ConfirmedAt(London.At(confirmed), start), London.At(now), Day));
    }

    [Fact]
    public void IsDue_AcrossTheSpringClockChange_OpensTwentyFourElapsedHoursBefore()
    {
        // Monday 30 March 2026 10:00 BST is 09:00 UTC; 24 hours earlier is Sunday 09:00 UTC, 10:00 BST.
        var appointment = ConfirmedAt(London.At(2026, 3, 27, 12, 0), London.At(2026, 3, 30, 10, 0));

        Assert.False(AppointmentReminder.IsDue(appointment, London.At(2026, 3, 29, 9, 59), Day));
        Assert.True(AppointmentReminder.IsDue(appointment, London.At(2026, 3, 29, 10, 0), Day));
    }
}
