using System.Globalization;
using DropIn.Domain.Appointments;
using DropIn.Domain.Queue;
using DropIn.Domain.Statistics;
using DropIn.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Statistics;

/// <summary>Drop-in sessions and appointments: who came, who was seen, how long they waited, who missed their time.</summary>
internal static class AttendanceStatistics
{
    private static readonly Dimension Session = new("Drop-in session", DimensionKind.Period);
    private static readonly Dimension Visit = new("How the visit ended", DimensionKind.Service);
    private static readonly Dimension Attendance = new("Attendance", DimensionKind.Service);
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>Columns of the drop-in table; together they are everyone checked in.</summary>
    private static readonly (string Label, TicketStatus[] Statuses)[] VisitColumns =
    [
        // Someone with a caseworker right now is being seen.
        ("Seen", [TicketStatus.Finished, TicketStatus.Called, TicketStatus.InProgress]),
        ("Left", [TicketStatus.Left]),
        ("No answer", [TicketStatus.NoAnswer]),
        ("Not reached", [TicketStatus.NotReached, TicketStatus.Waiting]),
    ];

    /// <summary>
    /// Per session: how each visit ended (counted in SQL) and the average wait. Waits need each person's times, so
    /// those are read as instants only (never a name or topic) and averaged here, by the rule of SessionSummary:
    /// the time to being called, and for those never reached the time until the queue closed.
    /// </summary>
    public static async Task<(PublishedTable Table, PublishedFigure AverageWait)> DropInAsync(DropInDbContext db, StatisticsPeriod period, DateTimeOffset now)
    {
        var (start, end) = (period.Start, period.End);
        var inPeriod = db.DropInSessions.AsNoTracking().Where(s => s.ScheduledStart >= start && s.ScheduledStart < end && s.ScheduledStart <= now);
        var sessions = await inPeriod
            .OrderBy(s => s.ScheduledStart)
            .Select(s => new { s.Id, s.Date, s.IsExtra, s.ScheduledEnd, s.ClosedAt })
            .ToListAsync();
        // The sessions said in SQL, not sent back as one parameter each: the query's size does not grow with the years.
        var ids = inPeriod.Select(s => s.Id);
        var statuses = await db.Tickets.AsNoTracking().Where(t => ids.Contains(t.SessionId))
            .GroupBy(t => new { t.SessionId, t.Status }).Select(g => new { g.Key.SessionId, g.Key.Status, Count = g.Count() })
            .ToListAsync();
        var times = await db.Tickets.AsNoTracking()
            .Where(t => ids.Contains(t.SessionId) && (t.CalledAt != null || t.Status == TicketStatus.Waiting || t.Status == TicketStatus.NotReached))
            .Select(t => new { t.SessionId, t.CheckedInAt, t.CalledAt })
            .ToListAsync();

        // Grouped once by session: searching every ticket for each session made the cost grow with the square of the period.
        var timesBySession = times.ToLookup(t => t.SessionId);
        var statusesBySession = statuses.ToLookup(x => x.SessionId);
        var waits = sessions.ToDictionary(s => s.Id, s =>
        {
            var ended = s.ClosedAt is { } closed && closed < s.ScheduledEnd ? closed : s.ScheduledEnd;
            return timesBySession[s.Id]
                .Select(t => (t.CalledAt ?? (ended < now ? ended : now)) - t.CheckedInAt)
                .Where(w => w >= TimeSpan.Zero)
                .Select(w => (decimal)w.TotalMinutes)
                .ToList();
        });
        if (sessions.Count == 0)
        {
            var none = new PublishedTable("dropin", "Drop-in attendance per session", "Drop-in session", ["Checked in", "Average wait (minutes)"],
                [new PublishedRow("No sessions in this period", [PublishedFigure.Count(0), PublishedFigure.Average([])])],
                "Counts rounded to the nearest 5; averages not shown where based on 7 or fewer people.", ChartKind.None);
            return (none, PublishedFigure.Average([]));
        }

        var counts = sessions.Select(s => (IReadOnlyList<int>)[.. VisitColumns.Select(c => statusesBySession[s.Id]
            .Where(x => c.Statuses.Contains(x.Status)).Sum(x => x.Count))]).ToList();
        var labels = sessions.Select(s => s.Date.ToString("ddd d MMM yyyy", English) + (s.IsExtra ? " (extra)" : "")).ToList();
        var disclosed = PublishedTable.From("dropin", "Drop-in attendance per session",
            DisclosureTable.Create(Session, labels, Visit, [.. VisitColumns.Select(c => c.Label)], counts), ChartKind.Line);

        // The total column is everyone checked in; the average wait follows it.
        var allWaits = waits.Values.SelectMany(w => w).ToList();
        var rows = disclosed.Rows.Select((row, i) => row with
        {
            Figures = [.. row.Figures, PublishedFigure.Average(row.IsTotal ? allWaits : waits[sessions[i].Id])],
        }).ToList();
        var checkedIn = VisitColumns.Length;
        var table = disclosed with
        {
            Columns = [.. disclosed.Columns.Take(checkedIn), "Checked in", "Average wait (minutes)"],
            Rows = rows,
            Note = disclosed.Note + " Averages not shown where based on 7 or fewer people.",
            ChartColumns = [checkedIn],
            HasTotalColumn = false,
        };
        return (table, PublishedFigure.Average(allWaits));
    }

    private static readonly (string Label, AppointmentStatus Status)[] AttendanceColumns =
    [
        ("Attended", AppointmentStatus.Attended),
        ("No-show", AppointmentStatus.NoShow),
        ("Cancelled", AppointmentStatus.Cancelled),
        ("Not yet recorded", AppointmentStatus.Confirmed),
    ];

    /// <summary>Appointments booked (confirmed at some point) by the month of the appointment; unconfirmed holds never were.</summary>
    public static async Task<(PublishedTable Table, PublishedFigure NoShowRate)> AppointmentsAsync(DropInDbContext db, StatisticsPeriod period)
    {
        var statuses = AttendanceColumns.Select(c => c.Status).ToList();
        var grid = await MonthlyCounts.ByMonthAsync(period, statuses, db.Appointments.AsNoTracking(), a => a.Start, a => a.Status);
        var table = DisclosureTable.Create(Dimension.Month, MonthlyCounts.MonthLabels(period), Attendance,
            [.. AttendanceColumns.Select(c => c.Label)], MonthlyCounts.AsTable(grid));
        var published = PublishedTable.From("appointments", "Appointments booked, by month and attendance", table);
        var (attended, missed) = (grid.Sum(r => r[0]), grid.Sum(r => r[1]));
        return (published with { Columns = [.. published.Columns.SkipLast(1), "Booked"] }, PublishedFigure.Percentage(missed, attended + missed));
    }
}
