using DropIn.Domain.Calendar;
using DropIn.Domain.Reviews;
using DropIn.Domain.Statistics;
using DropIn.Web.Data;
using DropIn.Web.Features.Statistics;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Reviews;

/// <summary>
/// File review in the statistics, their exports and the annual report, as an advice-quality assessor reads it: per
/// academic year of the draw, how many files were drawn and where each stands, and the scores per criterion. Counts,
/// through the same disclosure control as every other table (rounded to 5); nothing names a caseworker or a case.
/// </summary>
public sealed class ReviewStatisticsSection(IDbContextFactory<DropInDbContext> dbFactory) : IStatisticsSection
{
    private static readonly Dimension AcademicYear = new("Academic year", DimensionKind.Period);
    private static readonly Dimension Status = new("Review status", DimensionKind.Service);
    private static readonly Dimension Criterion = new("Criterion", DimensionKind.Service);
    private static readonly Dimension Score = new("Score", DimensionKind.Service);

    public string Id => "reviews";

    public string Title => "File reviews";

    public async Task<IReadOnlyList<PublishedTable>> BuildAsync(StatisticsPeriod period, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (start, end) = (period.Start, period.End);
        // Dates, states and scores only: the comments (encrypted) are never read here.
        var reviews = await db.FileReviews.AsNoTracking().Where(r => r.DrawnAt >= start && r.DrawnAt < end)
            .Select(r => new { r.DrawnAt, r.Status, r.Scores }).ToListAsync(cancellationToken);
        var years = period.AcademicYears;
        var statuses = Enum.GetValues<ReviewStatus>();
        var byYear = reviews.ToLookup(r => StatisticsPeriod.AcademicYearOf(YearMonth.Of(r.DrawnAt)));
        var progress = PublishedTable.From("reviews-progress", "Files drawn for review, by where the review stands",
            DisclosureTable.Create(AcademicYear, [.. years.Select(StatisticsPeriod.AcademicYearLabel)], Status, [.. statuses.Select(ReviewText.Status)],
                [.. years.Select(y => (IReadOnlyList<int>)[.. statuses.Select(s => byYear[y].Count(r => r.Status == s))])]));

        var criteria = await db.ReviewCriteria.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Name).ToListAsync(cancellationToken);
        var scores = reviews.SelectMany(r => r.Scores).ToList();
        var shown = criteria.Where(c => c.Active || scores.Any(s => s.CriterionId == c.Id)).ToList();
        var levels = Enum.GetValues<CriterionScore>();
        var byCriterion = PublishedTable.From("reviews-scores", "File review scores, by criterion",
            DisclosureTable.Create(Criterion, [.. shown.Select(c => c.Name)], Score, [.. levels.Select(ReviewText.Score)],
                [.. shown.Select(c => (IReadOnlyList<int>)[.. levels.Select(l => scores.Count(s => s.CriterionId == c.Id && s.Score == l))])]),
            ChartKind.None);
        return [progress, byCriterion];
    }
}
