using DropIn.Domain.Queue;
using DropIn.Tests.Infrastructure;

namespace DropIn.Tests.Domain;

public sealed class DropInScheduleTests
{
    private readonly DropInSchedule _schedule = new(SessionTime.Default);

    [Fact]
    public void CurrentOrNext_OnWednesday_IsThursdayNoon()
    {
        var next = _schedule.CurrentOrNext(London.At(2026, 11, 25, 10, 0));

        Assert.Equal(new DateOnly(2026, 11, 26), next!.Date);
        Assert.Equal(London.At(2026, 11, 26, 12, 0), next.Start);
        Assert.Equal(London.At(2026, 11, 26, 14, 0), next.End);
    }

    [Fact]
    public void CurrentOrNext_DuringTuesdaySession_IsThatSession()
    {
        var next = _schedule.CurrentOrNext(London.At(2026, 11, 24, 13, 59));

        Assert.Equal(new DateOnly(2026, 11, 24), next!.Date);
    }

    [Fact]
    public void CurrentOrNext_ThursdayEvening_SkipsTheWeekendToTuesday()
    {
        var next = _schedule.CurrentOrNext(London.At(2026, 11, 26, 14, 0));

        Assert.Equal(new DateOnly(2026, 12, 1), next!.Date);
    }

    [Theory]
    [InlineData(2026, 7, 14, 11)] // BST: noon in London is 11:00 UTC
    [InlineData(2026, 12, 1, 12)] // GMT: noon is noon
    [InlineData(2026, 3, 31, 11)] // first Tuesday after the spring change (29 March)
    [InlineData(2026, 10, 27, 12)] // first Tuesday after the autumn change (25 October)
    public void WindowsOn_NoonInLondon_IsTheRightUtcHourEitherSideOfClockChanges(int year, int month, int day, int utcHour)
    {
        var window = Assert.Single(_schedule.WindowsOn(new DateOnly(year, month, day)));

        Assert.Equal(utcHour, window.Start.UtcDateTime.Hour);
        Assert.Equal(TimeSpan.FromHours(2), window.End - window.Start);
    }

    [Fact]
    public void Constructor_SessionEndingBeforeItStarts_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new DropInSchedule([new SessionTime(DayOfWeek.Monday, new TimeOnly(14, 0), new TimeOnly(12, 0))]));
    }

    [Fact]
    public void WindowsOn_ConfiguredExtraDay_IsIncluded()
    {
        var schedule = new DropInSchedule([.. SessionTime.Default, new SessionTime(DayOfWeek.Monday, new TimeOnly(10, 0), new TimeOnly(11, 0))]);

        Assert.Single(schedule.WindowsOn(new DateOnly(2026, 11, 30)));
        Assert.Empty(schedule.WindowsOn(new DateOnly(2026, 11, 25)));
    }

    [Fact]
    public void New_OverlappingTimesOnADay_AreRefused_OneSessionAtATime()
    {
        var overlapping = new[] { new SessionTime(DayOfWeek.Tuesday, new TimeOnly(12, 0), new TimeOnly(14, 0)), new SessionTime(DayOfWeek.Tuesday, new TimeOnly(13, 0), new TimeOnly(15, 0)) };

        Assert.Throws<ArgumentException>(() => new DropInSchedule(overlapping));
        Assert.Equal(2, new DropInSchedule([overlapping[0], overlapping[1] with { Day = DayOfWeek.Thursday }]).Times.Count);
    }

    [Fact]
    public void Timetable_StoredSessionsAsTheyRun_TheScheduleWhereNoneIsStored()
    {
        var tuesday = DropInSession.Scheduled(_schedule.CurrentOrNext(London.At(2026, 11, 24, 9, 0))!);
        tuesday.OpenEarly(London.At(2026, 11, 24, 11, 15), "reception");
        tuesday.Close(London.At(2026, 11, 24, 13, 0), "reception");
        var timetable = new DropInTimetable(_schedule, [tuesday]);

        var onTuesday = Assert.Single(timetable.On(new DateOnly(2026, 11, 24)));
        var onThursday = Assert.Single(timetable.On(new DateOnly(2026, 11, 26)));

        Assert.Equal((London.At(2026, 11, 24, 11, 15), London.At(2026, 11, 24, 13, 0)), (onTuesday.Start, onTuesday.End));
        Assert.Equal((London.At(2026, 11, 26, 12, 0), London.At(2026, 11, 26, 14, 0)), (onThursday.Start, onThursday.End));
        Assert.Empty(timetable.On(new DateOnly(2026, 11, 25)));
    }
}
