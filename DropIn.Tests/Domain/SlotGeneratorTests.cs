using DropIn.Domain.Appointments;
using DropIn.Domain.Calendar;
using DropIn.Domain.Queue;
using DropIn.Tests.Infrastructure;

namespace DropIn.Tests.Domain;

public sealed class SlotGeneratorTests
{
    private static readonly WeeklyWindow[] WeekdaysNineToFive =
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new WeeklyWindow(d, new TimeOnly(9, 0), new TimeOnly(17, 0)))];

    private readonly SlotGenerator _generator = new(new WorkingCalendar([new DateOnly(2026, 12, 2)]), new DropInTimetable(new DropInSchedule(SessionTime.Default), []), BookingRules.Default);

    private static StaffAvailability Sam(bool staffsDropIn = false, params Leave[] leave) => new("sam", WeekdaysNineToFive, leave, staffsDropIn);

    private static IEnumerable<string> Times(IEnumerable<Slot> slots) => slots.Select(s => LondonTime.ToLocal(s.Start).ToString("ddd HH:mm", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void SlotsOn_AWorkingDay_IsAGridOfLengthPlusBuffer()
    {
        var slots = _generator.SlotsOn(Sam(), new DateOnly(2026, 11, 25)).ToList();

        Assert.Equal(["Wed 09:00", "Wed 10:00", "Wed 11:00", "Wed 12:00", "Wed 13:00", "Wed 14:00", "Wed 15:00", "Wed 16:00"], Times(slots));
        Assert.All(slots, s => Assert.Equal(TimeSpan.FromMinutes(45), s.End - s.Start));
    }

    [Fact]
    public void SlotsOn_DropInDay_LeavesOutTheSessionForThoseWhoStaffIt()
    {
        var tuesday = new DateOnly(2026, 11, 24);

        var staffing = Times(_generator.SlotsOn(Sam(staffsDropIn: true), tuesday));
        var notStaffing = Times(_generator.SlotsOn(Sam(staffsDropIn: false), tuesday));

        // 11:00–11:45 and its buffer end exactly at 12:00, so it stays; 14:00 would leave no gap after the session.
        Assert.Equal(["Tue 09:00", "Tue 10:00", "Tue 11:00", "Tue 15:00", "Tue 16:00"], staffing);
        Assert.Equal(8, notStaffing.Count());
    }

    [Theory]
    [InlineData(2026, 11, 28)] // Saturday
    [InlineData(2026, 12, 2)] // closure
    [InlineData(2026, 12, 25)] // Christmas Day
    [InlineData(2027, 3, 26)] // Good Friday
    public void SlotsOn_NonWorkingDay_IsEmpty(int year, int month, int day)
    {
        Assert.Empty(_generator.SlotsOn(Sam(), new DateOnly(year, month, day)));
    }

    [Fact]
    public void SlotsOn_Leave_IsEmpty()
    {
        Assert.Empty(_generator.SlotsOn(Sam(false, new Leave(new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 27))), new DateOnly(2026, 11, 25)));
    }

    [Theory]
    [InlineData(2026, 3, 27, 9)] // Friday before the spring change: GMT
    [InlineData(2026, 3, 30, 8)] // Monday after: BST, 09:00 London is 08:00 UTC
    [InlineData(2026, 10, 23, 8)]
    [InlineData(2026, 10, 26, 9)]
    public void SlotsOn_AcrossClockChanges_StartAtNineLondonTime(int year, int month, int day, int utcHour)
    {
        var first = _generator.SlotsOn(Sam(), new DateOnly(year, month, day)).First();

        Assert.Equal(utcHour, first.Start.UtcDateTime.Hour);
        Assert.Equal(9, LondonTime.ToLocal(first.Start).Hour);
    }

    [Fact]
    public void FreeSlots_NotWithinTwoWorkingHours_NorPastTheHorizon_NorBooked()
    {
        var now = London.At(2026, 11, 27, 16, 30); // Friday afternoon
        var booked = new BusyPeriod("sam", London.At(2026, 11, 30, 11, 0), London.At(2026, 11, 30, 11, 45));

        var free = _generator.FreeSlots([Sam()], [booked], now, new DateOnly(2026, 11, 27), new DateOnly(2027, 1, 31));

        Assert.Equal("Mon 12:00", Times(free).First()); // 10:30 is the earliest; 11:00 is booked
        Assert.DoesNotContain(free, s => s.Start == booked.Start);
        Assert.True(free.Max(s => s.Start) <= now.AddDays(28));
    }

    [Fact]
    public void FreeSlots_TwoCaseworkers_OfferTheSameTimeTwice()
    {
        var priya = new StaffAvailability("priya", [new WeeklyWindow(DayOfWeek.Wednesday, new TimeOnly(9, 0), new TimeOnly(11, 0))], [], false);
        var now = London.At(2026, 11, 24, 9, 0);

        var free = _generator.FreeSlots([Sam(), priya], [], now, new DateOnly(2026, 11, 25), new DateOnly(2026, 11, 25));

        Assert.Equal(2, free.Count(s => LondonTime.ToLocal(s.Start).Hour == 9));
    }

    [Fact]
    public void SlotsOn_OverlappingWindowsStoredBeforeTheRule_AreOneSpan_SoNoTwoTimesOverlap()
    {
        // 09:00–12:00 and 10:30–13:00, saved by two managers at once before overlaps were refused.
        var both = new StaffAvailability("sam", [new WeeklyWindow(DayOfWeek.Wednesday, new TimeOnly(9, 0), new TimeOnly(12, 0)), new WeeklyWindow(DayOfWeek.Wednesday, new TimeOnly(10, 30), new TimeOnly(13, 0))], [], false);

        var slots = _generator.SlotsOn(both, new DateOnly(2026, 11, 25)).ToList();

        Assert.Equal(["Wed 09:00", "Wed 10:00", "Wed 11:00", "Wed 12:00"], Times(slots));
    }

    [Fact]
    public void SlotsOn_AnExtraSessionStoredForTheDay_LeavesItOutForThoseWhoStaffIt()
    {
        // Monday 23 November has no scheduled drop-in; reception started one from 09:50 to 12:00.
        var monday = new DateOnly(2026, 11, 23);
        var extra = DropInSession.Extra(London.At(2026, 11, 23, 9, 50), London.At(2026, 11, 23, 12, 0), "reception");
        var generator = new SlotGenerator(new WorkingCalendar([]), new DropInTimetable(new DropInSchedule(SessionTime.Default), [extra]), BookingRules.Default);

        // 09:00–09:45 would leave no 15-minute gap before 09:50; 12:00 none after 12:00.
        Assert.Equal(["Mon 13:00", "Mon 14:00", "Mon 15:00", "Mon 16:00"], Times(generator.SlotsOn(Sam(staffsDropIn: true), monday)));
        Assert.Equal(8, generator.SlotsOn(Sam(staffsDropIn: false), monday).Count());
    }
}
