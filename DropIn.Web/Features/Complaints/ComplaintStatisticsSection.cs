using DropIn.Domain.Calendar;
using DropIn.Domain.Complaints;
using DropIn.Domain.Statistics;
using DropIn.Web.Data;
using DropIn.Web.Features.Statistics;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Complaints;

/// <summary>
/// The complaints' annual analysis on the statistics dashboard, in its exports and in the annual report: per academic
/// year of receipt, stage 1's outcomes, whether stage 1 was answered in time, and how many went to stage 2. Counts of
/// people, through the same disclosure control as every other table (rounded to 5); nothing names anyone.
/// </summary>
public sealed class ComplaintStatisticsSection(IDbContextFactory<DropInDbContext> dbFactory, TimeProvider clock) : IStatisticsSection
{
    private static readonly Dimension AcademicYear = new("Academic year", DimensionKind.Period);
    private static readonly Dimension Answer = new("Stage 1", DimensionKind.Service);

    public string Id => "complaints";

    public string Title => "Complaints";

    public async Task<IReadOnlyList<PublishedTable>> BuildAsync(StatisticsPeriod period, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (start, end) = (period.Start, period.End);
        // Dates and outcomes only: nothing encrypted is read, so seven years cost one small query.
        var complaints = (await db.Complaints.AsNoTracking().Where(c => c.ReceivedAt >= start && c.ReceivedAt < end)
            .Select(c => new { c.ReceivedAt, c.Stage, c.Outcome, c.RespondedAt, c.RespondBy, c.StageOneOutcome, c.StageOneRespondedAt, c.StageOneRespondBy })
            .ToListAsync(cancellationToken))
            .Select(c => c.Stage == 1
                ? new StageOne(c.ReceivedAt, false, c.Outcome, c.RespondedAt, c.RespondBy)
                : new StageOne(c.ReceivedAt, true, c.StageOneOutcome, c.StageOneRespondedAt, c.StageOneRespondBy ?? c.RespondBy))
            .ToList();
        var now = clock.GetUtcNow();
        var years = period.AcademicYears;
        var labels = years.Select(StatisticsPeriod.AcademicYearLabel).ToList();
        var byYear = complaints.ToLookup(c => StatisticsPeriod.AcademicYearOf(YearMonth.Of(c.ReceivedAt)));

        IReadOnlyList<int> Outcomes(int year) =>
        [
            byYear[year].Count(c => c.Outcome == ComplaintOutcome.Upheld),
            byYear[year].Count(c => c.Outcome == ComplaintOutcome.PartlyUpheld),
            byYear[year].Count(c => c.Outcome == ComplaintOutcome.NotUpheld),
            byYear[year].Count(c => c.Outcome is null),
        ];
        var outcomes = PublishedTable.From("complaints-outcomes", "Complaints received, by the outcome of stage 1",
            DisclosureTable.Create(AcademicYear, labels, Dimension.Outcome, ["Upheld", "Partly upheld", "Not upheld", "Not yet answered"], [.. years.Select(Outcomes)]));

        // A stage 1 not yet answered is late only once its deadline has passed; before that it is neither.
        IReadOnlyList<int> Handling(int year) =>
        [
            byYear[year].Count(c => c.RespondedAt is { } at && at <= c.RespondBy),
            byYear[year].Count(c => (c.RespondedAt ?? now) > c.RespondBy),
            byYear[year].Count(c => c.WentToStageTwo),
        ];
        var handling = PublishedTable.From("complaints-handling", "Complaints answered within the procedure's time, and reviewed at stage 2",
            DisclosureTable.Create(AcademicYear, labels, Answer, ["Answered in time", "Answered late or overdue", "Went to stage 2"], [.. years.Select(Handling)]), ChartKind.None);
        // The columns overlap (a complaint answered in time may still go to stage 2): a total across them would count nothing real.
        handling = handling with { Columns = handling.Columns.SkipLast(1).ToList(), Rows = [.. handling.Rows.Select(r => r with { Figures = r.Figures.SkipLast(1).ToList() })], HasTotalColumn = false };
        return [outcomes, handling];
    }

    /// <summary>What stage 1 came to, whichever stage the complaint is at now.</summary>
    private sealed record StageOne(DateTimeOffset ReceivedAt, bool WentToStageTwo, ComplaintOutcome? Outcome, DateTimeOffset? RespondedAt, DateTimeOffset RespondBy);
}
