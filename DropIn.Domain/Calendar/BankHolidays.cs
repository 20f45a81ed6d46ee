namespace DropIn.Domain.Calendar;

/// <summary>
/// England and Wales bank holidays, computed for any year, with substitute days when one falls at a weekend.
/// One-off holidays (a jubilee, a state funeral, a moved early-May holiday) are closures a manager records.
/// </summary>
public static class BankHolidays
{
    public static IReadOnlySet<DateOnly> EnglandAndWales(int year)
    {
        var easter = EasterSunday(year);
        var days = new HashSet<DateOnly>
        {
            NextWeekday(new DateOnly(year, 1, 1)),
            easter.AddDays(-2),
            easter.AddDays(1),
            FirstMonday(year, 5),
            LastMonday(year, 5),
            LastMonday(year, 8),
        };

        // Christmas and Boxing Day: each one at a weekend moves to the next weekday not already a holiday.
        foreach (var day in new[] { new DateOnly(year, 12, 25), new DateOnly(year, 12, 26) })
        {
            var observed = day;
            while (IsWeekend(observed) || days.Contains(observed))
            {
                observed = observed.AddDays(1);
            }

            days.Add(observed);
        }

        return days;
    }

    public static bool IsBankHoliday(DateOnly date) => EnglandAndWales(date.Year).Contains(date);

    /// <summary>Western Easter (anonymous Gregorian algorithm).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    public static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static DateOnly NextWeekday(DateOnly date)
    {
        while (IsWeekend(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    private static DateOnly FirstMonday(int year, int month)
    {
        var date = new DateOnly(year, month, 1);
        while (date.DayOfWeek != DayOfWeek.Monday)
        {
            date = date.AddDays(1);
        }

        return date;
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var date = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        while (date.DayOfWeek != DayOfWeek.Monday)
        {
            date = date.AddDays(-1);
        }

        return date;
    }
}
