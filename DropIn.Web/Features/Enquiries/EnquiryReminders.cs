using DropIn.Domain.Calendar;
using DropIn.Domain.Enquiries;
using DropIn.Web.Components.Shared;
using DropIn.Web.Data;
using DropIn.Web.Live;
using DropIn.Web.Messaging;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Features.Enquiries;

/// <summary>
/// What the SLA job does each run. On the morning the target falls: remind the assignee. Once the target has passed:
/// remind them again and tell the managers. At breach: escalate to every manager. Each is marked in the transaction
/// that queues it, so it goes exactly once; after downtime only the most serious one still due is sent, and the
/// milder ones it supersedes are marked, so nobody gets a "due today" about something already breached. Two runs at
/// once (two servers) cannot both send: the enquiry's version refuses the second save, which is re-applied and finds
/// the reminders marked.
/// </summary>
public sealed class EnquiryReminders(DataChanges changes, IOptions<MailOptions> mail)
{
    /// <returns>How many reminders (of any kind) were sent this run.</returns>
    public Task<int> RunAsync(CancellationToken ct) => changes.RunAsync(ChangeOptions.JobRun(), c => RemindAsync(c, ct), ct);

    private async Task<int> RemindAsync(ChangeScope c, CancellationToken ct)
    {
        var (db, now) = (c.Db, c.Now);
        var startOfToday = LondonTime.ToInstant(LondonTime.Today(now), WorkingCalendar.Opens);
        var candidates = await db.Enquiries
            .Where(e => e.AcknowledgedAt == null && e.Outcome == null && e.BreachEscalatedAt == null)
            .ToListAsync(ct);
        var managers = await db.IdsInRolesAsync([Roles.Manager], ct);
        var alerts = await StaffAlerts.ForAsync(db, mail.Value, now, ct);
        var disputes = await PartiesAsync(db, ct);
        var reminded = new List<Guid>();
        foreach (var e in candidates)
        {
            // A reminder may reach staff on either side of a dispute: a party's name is not put in it.
            var from = disputes.Hides(e) ? "a student (name withheld: a dispute applies)" : e.FromName;
            var assignees = e.AssigneeId is null ? managers : [e.AssigneeId];
            if (now >= e.BreachAt)
            {
                Notify(alerts, managers, $"Breached: the enquiry from {from} ({EnquiryText.Channel(e.Channel).ToLowerInvariant()}) was not acknowledged within 3 working days.");
                e.MarkBreachEscalated(now);
                if (e.TargetMissedRemindedAt is null)
                {
                    e.MarkTargetMissedReminded(now);
                }

                if (e.DueTodayRemindedAt is null)
                {
                    e.MarkDueTodayReminded(now);
                }
            }
            else if (now >= e.TargetAt && e.TargetMissedRemindedAt is null)
            {
                Notify(alerts, [.. assignees.Union(managers)], $"Overdue: the enquiry from {from} ({EnquiryText.Channel(e.Channel).ToLowerInvariant()}) passed its 2-working-day target. Breach at {Clock.Deadline(e.BreachAt)}.");
                e.MarkTargetMissedReminded(now);
                if (e.DueTodayRemindedAt is null)
                {
                    e.MarkDueTodayReminded(now);
                }
            }
            else if (now < e.TargetAt && now >= startOfToday && LondonTime.Today(e.TargetAt) == LondonTime.Today(now) && e.DueTodayRemindedAt is null)
            {
                Notify(alerts, assignees, $"Due today: acknowledge the enquiry from {from} ({EnquiryText.Channel(e.Channel).ToLowerInvariant()}) by {Clock.Deadline(e.TargetAt)}.");
                e.MarkDueTodayReminded(now);
            }
            else
            {
                continue;
            }

            reminded.Add(e.Id);
        }

        foreach (var id in reminded)
        {
            c.Publish(new EnquiryChanged(id));
        }

        foreach (var staffId in alerts.Notified)
        {
            c.Publish(new StaffNotified(staffId));
        }

        return reminded.Count;
    }

    // Staff mail carries the student's name only because staff may see it; never the enquiry's summary.
    private static void Notify(StaffAlerts alerts, IReadOnlyCollection<string> staffIds, string text) =>
        alerts.Send(staffIds, "Enquiry acknowledgement reminder", text, "/enquiries", "Open the enquiries board");

    private static async Task<DisputeParties> PartiesAsync(DropInDbContext db, CancellationToken ct)
    {
        var ids = (await db.Disputes.AsNoTracking().Where(d => d.EndedAt == null).ToListAsync(ct)).SelectMany(d => d.Parties.Select(p => p.StudentId)).ToHashSet();
        var students = ids.Count == 0 ? [] : await db.Students.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync(ct);
        return new DisputeParties(ids, new BarrierLens(new HashSet<Guid>(), students));
    }

    private sealed record DisputeParties(HashSet<Guid> Ids, BarrierLens Lens)
    {
        public bool Hides(Enquiry e) => (e.StudentId is { } s && Ids.Contains(s)) || Lens.PossibleConflict(e.StudentId, e.FromName, e.Contact);
    }
}
