using DropIn.Domain.Cases;
using DropIn.Domain.Retention;
using DropIn.Domain.Statistics;
using DropIn.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Statistics;

/// <summary>
/// Equality-monitoring breakdowns. Each answer is crossed with the academic year only, never with college,
/// department, course or another answer (DisclosureRules.EnsureMayCross). The answers are encrypted at rest, so SQL
/// can only find whose records to read; they are decrypted here for counting (once per record version: see
/// <see cref="MonitoringAnswerCache"/>) and nothing else leaves but the published table.
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

    public static async Task<IReadOnlyList<PublishedTable>> BreakdownsAsync(DropInDbContext db, StatisticsPeriod period, MonitoringAnswerCache cache)
    {
        var years = period.AcademicYears;
        var involvements = Involvements(db, period);
        var (users, versions) = await StudentsByYearAsync(db, involvements, period);
        var answers = await AnswersAsync(db, involvements.Select(i => i.StudentId), versions, cache);
        // Each student's answers looked up once per year they came, then counted in one pass per question: looking them
        // up again for every possible answer made seven years cost a quarter of a second more.
        var answered = years.ToDictionary(y => y, y => users[y].Select(s => answers.GetValueOrDefault(s)).ToList());

        return
        [
            Breakdown("gender", Dimension.Gender, MonitoringRecord.Genders, a => a?.Gender),
            Breakdown("ethnicity", Dimension.Ethnicity, MonitoringRecord.Ethnicities, a => a?.Ethnicity),
            Breakdown("disability", Dimension.Disability, MonitoringRecord.Disabilities, a => a?.Disability),
            await LevelOfStudyAsync(db, period, answered),
        ];

        PublishedTable Breakdown(string id, Dimension dimension, IReadOnlyList<string> choices, Func<MonitoringAnswers?, string?> answerOf)
        {
            var labels = choices.Append(NotAnswered).ToList();
            var byYear = years.Select(y => answered[y].CountBy(a => answerOf(a) ?? NotAnswered).ToDictionary()).ToList();
            var counts = labels.Select(label => (IReadOnlyList<int>)[.. byYear.Select(c => c.GetValueOrDefault(label))]).ToList();
            return Publish(id, dimension, labels, counts, years);
        }
    }

    /// <summary>
    /// Level of study in the coarse bands a remnant keeps, so that students whose records were destroyed still count:
    /// each remnant counts once, in the academic year its case opened.
    /// </summary>
    private static async Task<PublishedTable> LevelOfStudyAsync(
        DropInDbContext db, StatisticsPeriod period, Dictionary<int, List<MonitoringAnswers?>> answered)
    {
        var years = period.AcademicYears;
        var bands = years.ToDictionary(y => y, y => answered[y].CountBy(a => StatisticsRemnant.BandOf(a?.LevelOfStudy)).ToDictionary());
        var months = period.Months;
        var remnants = await db.StatisticsRemnants.AsNoTracking()
            .Where(r => months.Contains(r.Opened))
            .GroupBy(r => new { r.Opened, r.LevelOfStudy })
            .Select(g => new { g.Key.Opened, g.Key.LevelOfStudy, Count = g.Count() })
            .ToListAsync();
        var counts = LevelBands.Select(band => (IReadOnlyList<int>)[.. years.Select(y =>
                bands[y].GetValueOrDefault(band.Band)
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

    /// <summary>
    /// The answers of the students involved, from the cache where their record has not changed since it was read. Whose
    /// answers is said in SQL, not by sending every id back (seven years of a large union's students are a long list);
    /// the decrypting read runs only when some record is new or changed since the cache last read it.
    /// </summary>
    private static async Task<Dictionary<Guid, MonitoringAnswers>> AnswersAsync(
        DropInDbContext db, IQueryable<Guid> involved, IReadOnlyDictionary<Guid, DateTimeOffset> versions, MonitoringAnswerCache cache)
    {
        cache.Sweep();
        var answers = new Dictionary<Guid, MonitoringAnswers>(versions.Count);
        foreach (var (student, recordedAt) in versions)
        {
            if (!cache.TryGet(student, recordedAt, out var kept))
            {
                answers.Clear();
                break;
            }

            answers[student] = kept!;
        }

        if (answers.Count == versions.Count)
        {
            return answers;
        }

        foreach (var m in await db.MonitoringRecords.AsNoTracking()
                     .Where(m => involved.Contains(m.StudentId))
                     .Select(m => new { m.StudentId, m.RecordedAt, m.Gender, m.Ethnicity, m.Disability, m.LevelOfStudy })
                     .ToListAsync())
        {
            var read = new MonitoringAnswers(m.RecordedAt, m.Gender, m.Ethnicity, m.Disability, m.LevelOfStudy);
            cache.Keep(m.StudentId, read);
            answers[m.StudentId] = read;
        }

        return answers;
    }

    /// <summary>
    /// Each academic year's students in the period (each counts once per year), and the version of each one's monitoring
    /// record (when it was answered; none when never). Counted distinct in SQL, by academic years that start at London
    /// midnight on 1 August (<see cref="MonthlyCounts.IndexOf{T}"/>), so one row per student and year comes back, not
    /// one per visit; the versions come in the same query, and cost an index lookup per student.
    /// </summary>
    private static async Task<(Dictionary<int, HashSet<Guid>> Users, Dictionary<Guid, DateTimeOffset> Versions)> StudentsByYearAsync(
        DropInDbContext db, IQueryable<Involvement> involvements, StatisticsPeriod period)
    {
        var years = period.AcademicYears;
        var starts = years.Select(y => MonthlyCounts.Start(new Domain.Calendar.YearMonth(y, StatisticsPeriod.FirstMonthOfAcademicYear))).ToList();
        var pairs = involvements
            .GroupBy(MonthlyCounts.IndexedBy<Involvement, Guid>(starts, i => i.At, i => i.StudentId))
            .Select(g => new { Year = g.Key.Index, StudentId = g.Key.Key });
        var rows = await (
                from pair in pairs
                join record in db.MonitoringRecords on pair.StudentId equals record.StudentId into records
                from record in records.DefaultIfEmpty()
                select new { pair.Year, pair.StudentId, RecordedAt = record == null ? (DateTimeOffset?)null : record.RecordedAt })
            .AsNoTracking()
            .ToListAsync();

        var users = years.ToDictionary(y => y, _ => new HashSet<Guid>());
        var versions = new Dictionary<Guid, DateTimeOffset>();
        foreach (var row in rows)
        {
            users[years[row.Year]].Add(row.StudentId);
            if (row.RecordedAt is { } recordedAt)
            {
                versions[row.StudentId] = recordedAt;
            }
        }

        return (users, versions);
    }

    private sealed class Involvement
    {
        public Guid StudentId { get; init; }

        public DateTimeOffset At { get; init; }
    }
}
