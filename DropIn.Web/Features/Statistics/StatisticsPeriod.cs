using System.Globalization;
using DropIn.Domain.Calendar;

namespace DropIn.Web.Features.Statistics;

/// <summary>The ready-made periods a manager picks from; Custom takes any run of whole months.</summary>
public enum PeriodPreset
{
    ThisAcademicYear,
    LastAcademicYear,
    Last12Months,
    Custom,
}

/// <summary>
/// A run of whole months, both ends included. Statistics keep months, never days (YearMonth), so every report is
/// about whole months on the London calendar.
/// </summary>
public sealed record StatisticsPeriod
{
    /// <summary>
    /// Seven years of months in one report (the longest a service compares, and what the statistics are measured at:
    /// benchmarks/seven-years.md), which keeps a mistyped address from asking for centuries.
    /// </summary>
    public const int MaxMonths = 84;

    /// <summary>The academic year starts in August.</summary>
    public const int FirstMonthOfAcademicYear = 8;

    public StatisticsPeriod(YearMonth from, YearMonth to)
    {
        if (to.ToNumber() < from.ToNumber())
        {
            throw new ArgumentException("The period must end after it starts.", nameof(to));
        }

        (From, To) = (from, to);
        if (Months.Count > MaxMonths)
        {
            throw new ArgumentException($"A period can be at most {MaxMonths} months.", nameof(to));
        }
    }

    public YearMonth From { get; }
    public YearMonth To { get; }

    public IReadOnlyList<YearMonth> Months
    {
        get
        {
            var months = new List<YearMonth>();
            for (var m = From; m.ToNumber() <= To.ToNumber() && months.Count <= MaxMonths; m = m.Next())
            {
                months.Add(m);
            }

            return months;
        }
    }

    /// <summary>The first instant of the period in London.</summary>
    public DateTimeOffset Start => LondonTime.ToInstant(From.FirstDay, TimeOnly.MinValue);

    /// <summary>The first instant after the period in London.</summary>
    public DateTimeOffset End => LondonTime.ToInstant(To.Next().FirstDay, TimeOnly.MinValue);

    /// <summary>The academic years (by the calendar year they start in) that the period touches.</summary>
    public IReadOnlyList<int> AcademicYears => [.. Months.Select(AcademicYearOf).Distinct()];

    public string Label => From == To
        ? MonthLabel(From)
        : $"{MonthLabel(From)} to {MonthLabel(To)}";

    public static StatisticsPeriod AcademicYear(int startYear) =>
        new(new YearMonth(startYear, FirstMonthOfAcademicYear), new YearMonth(startYear + 1, FirstMonthOfAcademicYear - 1));

    public static int AcademicYearOf(YearMonth month) => month.Month >= FirstMonthOfAcademicYear ? month.Year : month.Year - 1;

    /// <summary>"2025–26".</summary>
    public static string AcademicYearLabel(int startYear) =>
        string.Create(CultureInfo.InvariantCulture, $"{startYear}–{(startYear + 1) % 100:D2}");

    public static string MonthLabel(YearMonth month) => month.FirstDay.ToString("MMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    public static StatisticsPeriod Of(PeriodPreset preset, DateTimeOffset now)
    {
        var thisMonth = YearMonth.Of(now);
        var thisYear = AcademicYearOf(thisMonth);
        return preset switch
        {
            PeriodPreset.LastAcademicYear => AcademicYear(thisYear - 1),
            PeriodPreset.Last12Months => new(YearMonth.Of(thisMonth.FirstDay.AddMonths(-11)), thisMonth),
            _ => AcademicYear(thisYear),
        };
    }

    /// <summary>"yyyy-MM" as in the export addresses; null when it is not a month.</summary>
    public static YearMonth? ParseMonth(string? text) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? YearMonth.Of(day)
            : null;

    /// <summary>The address query for this period, as the export endpoints read it.</summary>
    public string Query => $"from={From}&to={To}";
}
