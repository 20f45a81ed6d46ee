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
        var users = await StudentsByYearAsync(db, period);
        // The decrypting read: four answers per person, held only while counting. Whose answers is said in SQL, not by
        // sending every id back as a parameter (seven years of a large union's students are more than SQLite takes).
        var (start, end) = (period.Start, period.End);
        var answers = (await db.MonitoringRecords.AsNoTracking()
                .Where(m => db.Cases.Any(c => c.StudentId == m.StudentId && c.OpenedAt >= start && c.OpenedAt < end)
                    || db.Tickets.Any(t => t.StudentId == m.StudentId && t.CheckedInAt >= start && t.CheckedInAt < end)
                    || db.Appointments.Any(a => a.StudentId == m.StudentId && a.Start >= start && a.Start < end)
                    || db.Enquiries.Any(e => e.StudentId == m.StudentId && e.ReceivedAt >= start && e.ReceivedAt < end))
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
    /// Who used the service in each academic year of the period: a case opened, a drop-in visit, an appointment or an
    /// enquiry linked to their record. Ids only; each student counts once per year.
    /// </summary>
    private static async Task<Dictionary<int, HashSet<Guid>>> StudentsByYearAsync(DropInDbContext db, StatisticsPeriod period)
    {
        var (start, end) = (period.Start, period.End);
        var involvements = new List<(Guid Student, DateTimeOffset At)>();
        involvements.AddRange((await db.Cases.AsNoTracking().Where(c => c.OpenedAt >= start && c.OpenedAt < end)
            .Select(c => new { c.StudentId, c.OpenedAt }).ToListAsync()).Select(x => (x.StudentId, x.OpenedAt)));
        involvements.AddRange((await db.Tickets.AsNoTracking().Where(t => t.StudentId != null && t.CheckedInAt >= start && t.CheckedInAt < end)
            .Select(t => new { t.StudentId, t.CheckedInAt }).ToListAsync()).Select(x => (x.StudentId!.Value, x.CheckedInAt)));
        involvements.AddRange((await db.Appointments.AsNoTracking().Where(a => a.StudentId != null && a.Start >= start && a.Start < end)
            .Select(a => new { a.StudentId, a.Start }).ToListAsync()).Select(x => (x.StudentId!.Value, x.Start)));
        involvements.AddRange((await db.Enquiries.AsNoTracking().Where(e => e.StudentId != null && e.ReceivedAt >= start && e.ReceivedAt < end)
            .Select(e => new { e.StudentId, e.ReceivedAt }).ToListAsync()).Select(x => (x.StudentId!.Value, x.ReceivedAt)));

        var byYear = period.AcademicYears.ToDictionary(y => y, _ => new HashSet<Guid>());
        foreach (var (student, at) in involvements)
        {
            byYear[StatisticsPeriod.AcademicYearOf(Domain.Calendar.YearMonth.Of(at))].Add(student);
        }

        return byYear;
    }
}
