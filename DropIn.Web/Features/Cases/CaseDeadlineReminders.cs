using DropIn.Domain.Calendar;
using DropIn.Domain.Cases;
using DropIn.Web.Components.Shared;
using DropIn.Web.Data;
using DropIn.Web.Live;
using DropIn.Web.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Features.Cases;

/// <summary>
/// Reminds the caseworkers on a case of its deadlines: two working days before, and on the day (or, after downtime,
/// as soon as the app is back). From 09:00 London time; each reminder is marked in the transaction that queues it,
/// so it goes exactly once. The mail names the case and the date only, never what the deadline is about.
/// </summary>
public sealed class CaseDeadlineReminders(IDbContextFactory<DropInDbContext> dbFactory, ILiveUpdates live, TimeProvider clock, IOptions<MailOptions> mail)
{
    /// <returns>How many deadlines were reminded about in this run.</returns>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = LondonTime.Today(now);
        if (now < LondonTime.ToInstant(today, WorkingCalendar.Opens))
        {
            return 0;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var horizon = today.AddDays(30);
        var pending = await (from d in db.CaseDeadlines
                             join c in db.Cases on d.CaseId equals c.Id
                             where d.MetAt == null && d.DueDayRemindedAt == null && c.Status == CaseStatus.Open && d.DueOn <= horizon
                             select new { Deadline = d, Case = c }).ToListAsync(ct);
        if (pending.Count == 0)
        {
            return 0;
        }

        var calendar = await db.WorkingCalendarAsync(today.AddDays(-1), horizon, ct);
        var alerts = await StaffAlerts.ForAsync(db, mail.Value, now, ct);
        var reminded = 0;
        foreach (var (deadline, @case) in pending.Select(p => (p.Deadline, p.Case)))
        {
            var due = deadline.ReminderDue(today, calendar);
            if (due is null)
            {
                continue;
            }

            var when = deadline.DueOn == today ? "today" : deadline.DueOn < today ? $"on {Clock.Day(deadline.DueOn)} and is not marked as met" : $"on {Clock.Day(deadline.DueOn)}";
            alerts.Send(@case.Caseworkers.Select(c => c.StaffId), $"Case {@case.Reference}: deadline reminder", $"Case {@case.Reference} has a deadline {when}.",
                $"/cases/{@case.Id}", "Open the case");
            if (due == DeadlineReminder.DueDay)
            {
                deadline.MarkDueDayReminded(now);
            }

            deadline.MarkAdvanceReminded(now);
            reminded++;
        }

        await db.SaveChangesAsync(ct);
        foreach (var staffId in alerts.Notified)
        {
            await live.PublishAsync(new StaffNotified(staffId));
        }

        return reminded;
    }
}
