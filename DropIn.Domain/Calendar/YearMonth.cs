using System.Globalization;

namespace DropIn.Domain.Calendar;

/// <summary>
/// A calendar month in UK terms. Anonymous statistics keep months, never days: a day plus a category can be
/// enough to recognise someone.
/// </summary>
public readonly record struct YearMonth
{
    public YearMonth(int year, int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        (Year, Month) = (year, month);
    }

    public int Year { get; }
    public int Month { get; }

    public DateOnly FirstDay => new(Year, Month, 1);
    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    public static YearMonth Of(DateOnly day) => new(day.Year, day.Month);

    /// <summary>The month on the London calendar: 23:30 UTC on 31 May in summer is already June in the UK.</summary>
    public static YearMonth Of(DateTimeOffset instant) => Of(LondonTime.Today(instant));

    public YearMonth Next() => Of(FirstDay.AddMonths(1));

    /// <summary>yyyymm as one integer, for storage and ordering.</summary>
    public int ToNumber() => (Year * 100) + Month;

    public static YearMonth FromNumber(int yyyymm) => new(yyyymm / 100, yyyymm % 100);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");
}
