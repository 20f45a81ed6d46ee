using DropIn.Domain.Cases;
using DropIn.Domain.Statistics;
using DropIn.Web.Data;
using DropIn.Web.Features.Cases;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Statistics;

/// <summary>
/// What closed cases achieved for students (the outcomes from the managed list and the money gained), and how many were
/// advice only or casework: counted from the cases closed in the period, published through disclosure control.
/// </summary>
/// <remarks>
/// Only live cases count here: a case destroyed under the retention policy keeps its category and overall outcome as a
/// remnant, but not what it achieved. Cases closed before outcomes were recorded have none.
/// </remarks>
internal static class OutcomeStatistics
{
    public static readonly Dimension Achieved = new("Outcome achieved", DimensionKind.Service);
    public static readonly Dimension Level = new("Advice or casework", DimensionKind.Service);

    /// <summary>Outcomes achieved in the period by case category (a case with two outcomes counts under each).</summary>
    public static async Task<IReadOnlyList<PublishedTable>> AchievedAsync(DropInDbContext db, StatisticsPeriod period, int minimumCasesForMoney)
    {
        // The closed cases with their outcomes (one join), flattened here: SQLite cannot run the SelectMany in SQL.
        var achieved = (await MonthlyCounts.InPeriod(db.Cases.AsNoTracking().Where(c => c.ClosedAt != null), period, c => c.ClosedAt!.Value)
                .Where(c => c.Achieved.Any())
                .Select(c => new { c.Id, c.CategoryId, c.Achieved })
                .ToListAsync())
            .SelectMany(c => c.Achieved.Select(a => new { c.Id, c.CategoryId, a.KindId, a.Pounds }))
            .ToList();
        var kinds = await db.OutcomeKinds.AsNoTracking().OrderBy(k => k.SortOrder).ThenBy(k => k.Name).ToListAsync();
        var categories = await db.CaseCategories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Name).ToListAsync();

        // Retired entries stay only while cases in the period use them.
        var columns = kinds.Where(k => k.Active || achieved.Any(a => a.KindId == k.Id)).ToList();
        var rows = categories.Where(c => c.Active || achieved.Any(a => a.CategoryId == c.Id)).ToList();
        var counts = rows.Select(r => (IReadOnlyList<int>)[.. columns.Select(k => achieved.Count(a => a.CategoryId == r.Id && a.KindId == k.Id))]).ToList();
        var byCategory = DisclosureTable.Create(Dimension.Category, [.. rows.Select(r => r.Name)], Achieved, [.. columns.Select(k => k.Name)], counts);

        // A case's gain is the sum of its outcomes' gains; the minimum counts cases, not outcomes.
        var gains = achieved.Where(a => a.Pounds is > 0).GroupBy(a => (a.Id, a.CategoryId)).Select(g => (g.Key.CategoryId, Pounds: g.Sum(a => (long)a.Pounds!.Value))).ToList();
        var gainTable = GainTable.Create([.. rows.Select(r => r.Name)],
            [.. rows.Select(r => (gains.Count(g => g.CategoryId == r.Id), gains.Where(g => g.CategoryId == r.Id).Sum(g => g.Pounds)))], minimumCasesForMoney);
        return
        [
            PublishedTable.From("achieved", "Outcomes achieved for students, by category of case closed", byCategory, ChartKind.None),
            GainPublished(gainTable),
        ];
    }

    /// <summary>Cases closed in the period by month, advice only or casework (and "Not recorded" while older closures remain).</summary>
    public static async Task<PublishedTable> LevelsAsync(DropInDbContext db, StatisticsPeriod period)
    {
        var levels = new ServiceLevel?[] { ServiceLevel.AdviceOnly, ServiceLevel.Casework, null };
        var grid = await MonthlyCounts.ByMonthAsync(period, levels.Select(l => l?.ToString() ?? "").ToList(),
            db.Cases.AsNoTracking().Where(c => c.ClosedAt != null), c => c.ClosedAt!.Value, c => c.Level == null ? "" : c.Level == ServiceLevel.AdviceOnly ? nameof(ServiceLevel.AdviceOnly) : nameof(ServiceLevel.Casework));
        var labels = levels.Select(l => l is { } level ? CaseText.Level(level) : "Not recorded").ToList();
        if (grid.All(row => row[^1] == 0))
        {
            (grid, labels) = ([.. grid.Select(row => row[..^1])], labels[..^1]);
        }

        var table = DisclosureTable.Create(Dimension.Month, MonthlyCounts.MonthLabels(period), Level, labels, MonthlyCounts.AsTable(grid));
        return PublishedTable.From("levels", "Cases closed: advice only or casework, by month", table, ChartKind.Donut);
    }

    private static PublishedTable GainPublished(GainTable table)
    {
        var rows = table.Labels.Select((label, r) => new PublishedRow(label, [table.Cases(r), table.Pounds(r)]))
            .Append(new PublishedRow("Total", [table.TotalCases, table.TotalPounds], IsTotal: true))
            .ToList();
        return new PublishedTable("gain", "Financial gain for students, by category of case closed", "Category",
            ["Cases with a financial gain", "Total gain (£)"], rows, table.Note, ChartKind.None);
    }
}
