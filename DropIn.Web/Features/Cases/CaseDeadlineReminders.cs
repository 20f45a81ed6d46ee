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
/// so it goes exactly once, also when two runs meet (the deadline's version refuses the second save, which is then
/// re-applied and finds it reminded). The mail names the case and the date only, never what the deadline is about.
/// </summary>
public sealed class CaseDeadlineReminders(DataChanges changes, TimeProvider clock, IOptions<MailOptions> mail)
{
    /// <returns>How many deadlines were reminded about in this run.</returns>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        if (WorkingCalendar.BeforeOpening(clock.GetUtcNow()))
        {
            return 0;
        }

        return await changes.RunAsync(ChangeOptions.JobRun(), c => RemindAsync(c, ct), ct);
    }

    private async Task<int> RemindAsync(ChangeScope c, CancellationToken ct)
    {
        var (db, now) = (c.Db, c.Now);
        var today = LondonTime.Today(now);
        var horizon = today.AddDays(30);
        var pending = await (from d in db.CaseDeadlines
                             join @case in db.Cases on d.CaseId equals @case.Id
                             where d.MetAt == null && d.DueDayRemindedAt == null && @case.Status == CaseStatus.Open && d.DueOn <= horizon
                             select new { Deadline = d, Case = @case }).ToListAsync(ct);
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
            alerts.Send(@case.Caseworkers.Select(cw => cw.StaffId), $"Case {@case.Reference}: deadline reminder", $"Case {@case.Reference} has a deadline {when}.",
                $"/cases/{@case.Id}", "Open the case");
            if (due == DeadlineReminder.DueDay)
            {
                deadline.MarkDueDayReminded(now);
            }

            deadline.MarkAdvanceReminded(now);
            reminded++;
        }

        foreach (var staffId in alerts.Notified)
        {
            c.Publish(new StaffNotified(staffId));
        }

        return reminded;
    }
}
