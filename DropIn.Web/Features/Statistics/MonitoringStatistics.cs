using DropIn.Domain.Cases;
using DropIn.Domain.Retention;
using DropIn.Domain.Statistics;
using DropIn.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Statistics;

/// <summary>
/// Equality-monitoring breakdowns. Each answer is crossed with the academic year only, never with college,
/// department, course or another answer (DisclosureRules.EnsureMayCross). The answers are encrypted at rest, so SQL
/// can only find whose records to read; they are decrypted here for counting and nothing else leaves but the
/// published table.
/// </summary>
internal static class MonitoringStatistics
{
    public const string NotAnswered = "Not answered";

    private static readonly (LevelOfStudyBand Band, string Label)[] LevelBands =
    [
        (LevelOfStudyBand.Undergraduate, "Undergraduate"),
        (LevelOfStudyBand.Postgraduate, "Postgraduate"),
        (LevelOfStudyBand.Other, "Other"),
        (LevelOfStudyBand.NotKnown, "Not known or not answered"),
    ];

    public static async Task<IReadOnlyList<PublishedTable>> BreakdownsAsync(DropInDbContext db, StatisticsPeriod period)
    {
        var years = period.AcademicYears;
        var involvements = Involvements(db, period);
        var users = await StudentsByYearAsync(involvements, period);
        // The decrypting read: four answers per person, held only while counting. Whose answers is said in SQL, not by
        // sending every id back (seven years of a large union's students are a long list).
        var involved = involvements.Select(i => i.StudentId);
        var answers = (await db.MonitoringRecords.AsNoTracking()
                .Where(m => involved.Contains(m.StudentId))
                .Select(m => new { m.StudentId, m.Gender, m.Ethnicity, m.Disability, m.LevelOfStudy })
                .ToListAsync())
            .ToDictionary(m => m.StudentId);

        var tables = new List<PublishedTable>
        {
            Breakdown("gender", Dimension.Gender, MonitoringRecord.Genders, id => answers.GetValueOrDefault(id)?.Gender),
            Breakdown("ethnicity", Dimension.Ethnicity, MonitoringRecord.Ethnicities, id => answers.GetValueOrDefault(id)?.Ethnicity),
            Breakdown("disability", Dimension.Disability, MonitoringRecord.Disabilities, id => answers.GetValueOrDefault(id)?.Disability),
        };
        tables.Add(await LevelOfStudyAsync(db, period, users, id => StatisticsRemnant.BandOf(answers.GetValueOrDefault(id)?.LevelOfStudy)));
        return tables;

        PublishedTable Breakdown(string id, Dimension dimension, IReadOnlyList<string> choices, Func<Guid, string?> answerOf)
        {
            var labels = choices.Append(NotAnswered).ToList();
            var counts = labels.Select(label => (IReadOnlyList<int>)[.. years.Select(y => users[y].Count(s => (answerOf(s) ?? NotAnswered) == label))]).ToList();
            return Publish(id, dimension, labels, counts, years);
        }
    }

    /// <summary>
    /// Level of study in the coarse bands a remnant keeps, so that students whose records were destroyed still count:
    /// each remnant counts once, in the academic year its case opened.
    /// </summary>
    private static async Task<PublishedTable> LevelOfStudyAsync(
        DropInDbContext db, StatisticsPeriod period, Dictionary<int, HashSet<Guid>> users, Func<Guid, LevelOfStudyBand> bandOf)
    {
        var years = period.AcademicYears;
        var remnants = (await db.StatisticsRemnants.AsNoTracking()
                .GroupBy(r => new { r.Opened, r.LevelOfStudy })
                .Select(g => new { g.Key.Opened, g.Key.LevelOfStudy, Count = g.Count() })
                .ToListAsync())
            .Where(r => period.Months.Contains(r.Opened))
            .ToList();
        var counts = LevelBands.Select(band => (IReadOnlyList<int>)[.. years.Select(y =>
                users[y].Count(s => bandOf(s) == band.Band)
                + remnants.Where(r => r.LevelOfStudy == band.Band && StatisticsPeriod.AcademicYearOf(r.Opened) == y).Sum(r => r.Count))])
            .ToList();
        var table = Publish("level", Dimension.LevelOfStudy, [.. LevelBands.Select(b => b.Label)], counts, years);
        return table with
        {
            Note = table.Note + " Taught and research postgraduates are counted together, as in the anonymous records kept after retention.",
        };
    }

    private static PublishedTable Publish(string id, Dimension dimension, IReadOnlyList<string> labels, IReadOnlyList<IReadOnlyList<int>> counts, IReadOnlyList<int> years)
    {
        // Stated here as well as enforced inside Create: the one crossing monitoring answers may have is the year.
        DisclosureRules.EnsureMayCross(dimension, Dimension.Year);
        var table = DisclosureTable.Create(dimension, labels, Dimension.Year, [.. years.Select(StatisticsPeriod.AcademicYearLabel)], counts);
        return PublishedTable.From(id, $"Students by {dimension.Name.ToLowerInvariant()} and academic year", table, ChartKind.Bar) with
        {
            // One bar per answer for the period as a whole: the column totals are not plotted, the row totals are.
            ChartColumns = [years.Count],
        };
    }

    /// <summary>
    /// Who used the service in the period, and when (a query, not yet run): a case opened, a drop-in visit, an appointment
    /// or an enquiry linked to their record. Ids and instants only.
    /// </summary>
    private static IQueryable<Involvement> Involvements(DropInDbContext db, StatisticsPeriod period)
    {
        var (start, end) = (period.Start, period.End);
        return db.Cases.AsNoTracking().Where(c => c.OpenedAt >= start && c.OpenedAt < end)
                .Select(c => new Involvement { StudentId = c.StudentId, At = c.OpenedAt })
            .Concat(db.Tickets.AsNoTracking().Where(t => t.StudentId != null && t.CheckedInAt >= start && t.CheckedInAt < end)
                .Select(t => new Involvement { StudentId = t.StudentId!.Value, At = t.CheckedInAt }))
            .Concat(db.Appointments.AsNoTracking().Where(a => a.StudentId != null && a.Start >= start && a.Start < end)
                .Select(a => new Involvement { StudentId = a.StudentId!.Value, At = a.Start }))
            .Concat(db.Enquiries.AsNoTracking().Where(e => e.StudentId != null && e.ReceivedAt >= start && e.ReceivedAt < end)
                .Select(e => new Involvement { StudentId = e.StudentId!.Value, At = e.ReceivedAt }));
    }

    /// <summary>Each academic year's students in the period; each counts once per year.</summary>
    private static async Task<Dictionary<int, HashSet<Guid>>> StudentsByYearAsync(IQueryable<Involvement> involvements, StatisticsPeriod period)
    {
        var byYear = period.AcademicYears.ToDictionary(y => y, _ => new HashSet<Guid>());
        foreach (var involvement in await involvements.ToListAsync())
        {
            byYear[StatisticsPeriod.AcademicYearOf(Domain.Calendar.YearMonth.Of(involvement.At))].Add(involvement.StudentId);
        }

        return byYear;
    }

    private sealed class Involvement
    {
        public Guid StudentId { get; init; }

        public DateTimeOffset At { get; init; }
    }
}
