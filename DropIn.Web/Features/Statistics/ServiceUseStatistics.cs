using DropIn.Domain.Cases;
using DropIn.Domain.Enquiries;
using DropIn.Domain.Statistics;
using DropIn.Web.Data;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Enquiries;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Statistics;

/// <summary>Enquiries, cases and their outcomes, and the acknowledgement promise: counted in SQL, published through disclosure control.</summary>
internal static class ServiceUseStatistics
{
    public static async Task<PublishedTable> EnquiriesByChannelAsync(DropInDbContext db, StatisticsPeriod period)
    {
        var channels = Enum.GetValues<EnquiryChannel>();
        var grid = await MonthlyCounts.ByMonthAsync(period, channels, db.Enquiries.AsNoTracking(), e => e.ReceivedAt, e => e.Channel);
        var table = DisclosureTable.Create(Dimension.Month, MonthlyCounts.MonthLabels(period), Dimension.Channel,
            [.. channels.Select(EnquiryText.Channel)], MonthlyCounts.AsTable(grid));
        return PublishedTable.From("enquiries", "Enquiries received, by month and channel", table);
    }

    /// <summary>Live cases plus the remnants of destroyed ones, matched by category name (a remnant keeps only the name).</summary>
    public static async Task<PublishedTable> CasesByCategoryAsync(DropInDbContext db, StatisticsPeriod period)
    {
        var categories = await db.CaseCategories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Name).ToListAsync();
        var names = categories.ToDictionary(c => c.Id, c => c.Name);
        // The period's months go as one parameter (at most MaxMonths), so SQL reads only the remnants of the period.
        var months = period.Months;
        var remnants = await db.StatisticsRemnants.AsNoTracking()
            .Where(r => r.Category != null && months.Contains(r.Opened))
            .GroupBy(r => new { r.Opened, r.Category })
            .Select(g => new { g.Key.Opened, g.Key.Category, Count = g.Count() })
            .ToListAsync();

        // Retired categories stay as columns only while they have cases in the period, and so do names known only from remnants.
        var live = await MonthlyCounts.ByMonthAsync(period, categories.Select(c => c.Id).ToList(), db.Cases.AsNoTracking(), c => c.OpenedAt, c => c.CategoryId);
        var columns = categories.Select((c, i) => (c.Name, Used: c.Active || live.Any(row => row[i] > 0)))
            .Where(c => c.Used).Select(c => c.Name)
            .Concat(remnants.Select(r => r.Category!).Where(n => !names.ContainsValue(n)).Distinct().Order(StringComparer.Ordinal))
            .Distinct()
            .ToList();
        if (columns.Count == 0)
        {
            columns.Add("Other");
        }

        var grid = live.Select(row => columns.Select(name => categories.Select((c, i) => c.Name == name ? row[i] : 0).Sum()).ToArray()).ToArray();
        MonthlyCounts.Add(grid, period, columns, remnants.Select(r => (r.Opened, r.Category!, r.Count)));
        var table = DisclosureTable.Create(Dimension.Month, MonthlyCounts.MonthLabels(period), Dimension.Category, columns, MonthlyCounts.AsTable(grid));
        return PublishedTable.From("cases", "Cases opened, by month and category", table);
    }

    public static async Task<PublishedTable> OutcomesAsync(DropInDbContext db, StatisticsPeriod period)
    {
        var outcomes = Enum.GetValues<CaseOutcome>();
        var grid = await MonthlyCounts.ByMonthAsync(period, outcomes, db.Cases.AsNoTracking().Where(c => c.ClosedAt != null && c.Outcome != null),
            c => c.ClosedAt!.Value, c => c.Outcome!.Value);
        var remnants = await db.StatisticsRemnants.AsNoTracking()
            .Where(r => r.Closed != null && r.Outcome != null)
            .GroupBy(r => new { r.Closed, r.Outcome })
            .Select(g => new { g.Key.Closed, g.Key.Outcome, Count = g.Count() })
            .ToListAsync();
        MonthlyCounts.Add(grid, period, outcomes, remnants.Select(r => (r.Closed!.Value, r.Outcome!.Value, r.Count)));
        var table = DisclosureTable.Create(Dimension.Month, MonthlyCounts.MonthLabels(period), Dimension.Outcome,
            [.. outcomes.Select(CaseText.Outcome)], MonthlyCounts.AsTable(grid));
        return PublishedTable.From("outcomes", "Cases closed, by month and outcome", table, ChartKind.Donut);
    }

    /// <summary>
    /// The acknowledgement promise, judged as the enquiry report judges it (acknowledged by the stored target, 2 working
    /// days, or by the breach time, 3). Only enquiries already due against each count (<see cref="DropIn.Domain.Enquiries.AcknowledgementPromise"/>,
    /// here in SQL): one received yesterday has not failed yet, nor has one past its target failed the 3-day share.
    /// </summary>
    public static async Task<PublishedTable> AcknowledgementAsync(DropInDbContext db, StatisticsPeriod period, DateTimeOffset now)
    {
        // One grouped query for the whole period, by month (MonthlyCounts.IndexOf), rather than one per month.
        var month = MonthlyCounts.IndexOf<Enquiry>(MonthlyCounts.Starts(period), e => e.ReceivedAt);
        var counts = (await MonthlyCounts.InPeriod(db.Enquiries.AsNoTracking(), period, e => e.ReceivedAt)
                .Where(e => e.AcknowledgedAt != null || e.TargetAt <= now)
                .GroupBy(month)
                .Select(g => new
                {
                    Month = g.Key,
                    Due = g.Count(),
                    ByTarget = g.Count(e => e.AcknowledgedAt <= e.TargetAt),
                    DueByBreach = g.Count(e => e.AcknowledgedAt != null || e.BreachAt <= now),
                    ByBreach = g.Count(e => e.AcknowledgedAt <= e.BreachAt),
                })
                .ToListAsync())
            .ToDictionary(c => c.Month);
        var rows = new List<PublishedRow>();
        var (allDue, allTarget, allDueByBreach, allBreach) = (0, 0, 0, 0);
        foreach (var (m, i) in period.Months.Select((m, i) => (m, i)))
        {
            var (due, byTarget, dueByBreach, byBreach) = counts.TryGetValue(i, out var c) ? (c.Due, c.ByTarget, c.DueByBreach, c.ByBreach) : (0, 0, 0, 0);
            rows.Add(Row(StatisticsPeriod.MonthLabel(m), due, byTarget, dueByBreach, byBreach));
            (allDue, allTarget, allDueByBreach, allBreach) = (allDue + due, allTarget + byTarget, allDueByBreach + dueByBreach, allBreach + byBreach);
        }

        rows.Add(Row("Total", allDue, allTarget, allDueByBreach, allBreach) with { IsTotal = true });
        return new PublishedTable("acknowledgement", "Enquiries acknowledged in time, by month", "Month",
            ["Enquiries due", "Within 2 working days", "Within 3 working days"], rows,
            "Counts rounded to the nearest 5; percentages from unrounded figures, not shown where fewer than 22.5 enquiries were due.",
            ChartKind.Line)
        { ChartColumns = [1, 2], TimeAxis = true };

        static PublishedRow Row(string label, int due, int byTarget, int dueByBreach, int byBreach) =>
            new(label, [PublishedFigure.Count(due), PublishedFigure.Percentage(byTarget, due), PublishedFigure.Percentage(byBreach, dueByBreach)]);
    }
}
