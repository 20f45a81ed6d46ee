using DropIn.Domain.Calendar;
using DropIn.Tests.Infrastructure;

namespace DropIn.Tests.Domain;

public sealed class WorkingCalendarTests
{
    private readonly WorkingCalendar _calendar = new([new DateOnly(2026, 12, 29), new DateOnly(2026, 12, 30), new DateOnly(2026, 12, 31)]);

    [Theory]
    [InlineData("2026-11-25 10:00", "2026-11-25 12:00")] // Wednesday morning
    [InlineData("2026-11-27 16:30", "2026-11-30 10:30")] // Friday afternoon: the weekend does not count
    [InlineData("2026-11-28 11:00", "2026-11-30 11:00")] // Saturday: counts from Monday 09:00
    [InlineData("2026-11-25 07:00", "2026-11-25 11:00")] // before opening
    [InlineData("2026-11-25 17:01", "2026-11-26 11:00")] // after closing
    [InlineData("2026-04-02 16:00", "2026-04-07 10:00")] // before Good Friday: Easter Monday is a holiday too
    [InlineData("2026-12-24 16:00", "2027-01-04 10:00")] // Christmas, substitute Boxing Day, closures, New Year
    [InlineData("2026-03-27 16:00", "2026-03-30 10:00")] // over the spring clock change
    [InlineData("2026-10-23 16:00", "2026-10-26 10:00")] // over the autumn clock change
    public void AddWorkingTime_TwoHours_SkipsTimeOutsideServiceHours(string from, string expected)
    {
        var result = _calendar.AddWorkingTime(Parse(from), TimeSpan.FromHours(2));

        Assert.Equal(Parse(expected), result);
    }

    [Fact]
    public void IsWorkingDay_ClosureBankHolidayAndWeekend_AreNot()
    {
        Assert.True(_calendar.IsWorkingDay(new DateOnly(2026, 11, 25)));
        Assert.False(_calendar.IsWorkingDay(new DateOnly(2026, 12, 29)));
        Assert.False(_calendar.IsWorkingDay(new DateOnly(2026, 12, 28)));
        Assert.False(_calendar.IsWorkingDay(new DateOnly(2026, 11, 28)));
    }

    private static DateTimeOffset Parse(string local)
    {
        var dt = DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return London.At(dt.Year, dt.Month, dt.Day, dt.Hour, dt.Minute);
    }
}
