using System.Globalization;
using DropIn.Domain.Calendar;
using DropIn.Domain.Enquiries;
using DropIn.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace DropIn.Tests.Domain;

public sealed class AcknowledgementDeadlinesTests
{
    // A Christmas closure between the bank holidays, as a manager would record it.
    private static readonly WorkingCalendar Calendar = new([new DateOnly(2026, 12, 29), new DateOnly(2026, 12, 30), new DateOnly(2026, 12, 31)]);

    [Theory]
    [InlineData("2026-11-23 10:00", "2026-11-25", "2026-11-26")] // Monday morning
    [InlineData("2026-11-27 14:00", "2026-12-01", "2026-12-02")] // Friday afternoon
    [InlineData("2026-11-27 16:59", "2026-12-01", "2026-12-02")] // Friday, a minute before closing: counts as Friday
    [InlineData("2026-11-27 17:01", "2026-12-02", "2026-12-03")] // Friday, after closing: counts from Monday
    [InlineData("2026-11-28 11:00", "2026-12-02", "2026-12-03")] // Saturday
    [InlineData("2026-11-23 07:30", "2026-11-25", "2026-11-26")] // before opening on a working day: that day
    [InlineData("2026-04-01 12:00", "2026-04-07", "2026-04-08")] // Wednesday before Good Friday; Easter Monday too
    [InlineData("2026-04-03 12:00", "2026-04-09", "2026-04-10")] // on Good Friday itself
    [InlineData("2026-12-23 12:00", "2027-01-04", "2027-01-05")] // Christmas, Boxing Day substitute, closure, New Year
    [InlineData("2027-12-24 10:00", "2027-12-30", "2027-12-31")] // 2027: Christmas and Boxing Day both substituted
    [InlineData("2026-03-27 16:00", "2026-03-31", "2026-04-01")] // spring clock change weekend
    [InlineData("2026-10-23 16:00", "2026-10-27", "2026-10-28")] // autumn clock change weekend
    [InlineData("2026-12-28 09:30", "2027-01-06", "2027-01-07")] // on a substitute bank holiday: counts from 4 January
    public void For_TableOfDates_TargetAndBreachAt17OnTheRightDays(string received, string target, string breach)
    {
        var deadlines = AcknowledgementDeadlines.For(Parse(received), Calendar);

        Assert.Equal(WorkingCalendar.EndOf(DateOnly.Parse(target, CultureInfo.InvariantCulture)), deadlines.Target);
        Assert.Equal(WorkingCalendar.EndOf(DateOnly.Parse(breach, CultureInfo.InvariantCulture)), deadlines.Breach);
    }

    [Fact]
    public void For_AcrossTheClockChange_IsFivePmLondonTime_NotUtc()
    {
        var deadlines = AcknowledgementDeadlines.For(Parse("2026-10-23 16:00"), Calendar);

        Assert.Equal(17, deadlines.Target.UtcDateTime.Hour); // GMT after the change
        Assert.Equal(16, AcknowledgementDeadlines.For(Parse("2026-10-20 10:00"), Calendar).Target.UtcDateTime.Hour); // BST before it
    }

    [Fact]
    public void For_AnyReceipt_DeadlinesAreWorkingDaysAt17_AfterReceipt_BreachAWorkingDayAfterTarget()
    {
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var receipts = Gen.Choose(0, 60 * 24 * 365 * 6).Select(minutes => start.AddMinutes(minutes)).ToArbitrary();

        Prop.ForAll(receipts, received =>
        {
            var d = AcknowledgementDeadlines.For(received, Calendar);
            var target = LondonTime.ToLocal(d.Target);
            var breach = LondonTime.ToLocal(d.Breach);
            return Calendar.IsWorkingDay(DateOnly.FromDateTime(target.DateTime))
                && Calendar.IsWorkingDay(DateOnly.FromDateTime(breach.DateTime))
                && target.TimeOfDay == TimeSpan.FromHours(17)
                && breach.TimeOfDay == TimeSpan.FromHours(17)
                && d.Target > received
                && d.Breach == WorkingCalendar.EndOf(Calendar.WorkingDaysAfter(DateOnly.FromDateTime(target.DateTime), 1));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void For_LaterReceipt_NeverGivesAnEarlierTarget()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var pairs = Gen.Two(Gen.Choose(0, 60 * 24 * 365 * 2)).Select(p => (start.AddMinutes(Math.Min(p.Item1, p.Item2)), start.AddMinutes(Math.Max(p.Item1, p.Item2)))).ToArbitrary();

        Prop.ForAll(pairs, pair => AcknowledgementDeadlines.For(pair.Item1, Calendar).Target <= AcknowledgementDeadlines.For(pair.Item2, Calendar).Target)
            .QuickCheckThrowOnFailure();
    }

    private static DateTimeOffset Parse(string local)
    {
        var dt = DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return London.At(dt.Year, dt.Month, dt.Day, dt.Hour, dt.Minute);
    }
}
