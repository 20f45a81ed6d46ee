using DropIn.Domain.Calendar;
using DropIn.Domain.Complaints;
using DropIn.Web.Components.Shared;
using DropIn.Web.Data;
using DropIn.Web.Live;
using DropIn.Web.Messaging;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Features.Complaints;

/// <summary>
/// What the complaints job does each run, for the current stage of every open complaint, as the enquiry reminders do:
/// from 09:00 on the day the acknowledgement is due, remind the handler (or the managers, while there is none); once
/// it is late, tell the managers too. From 09:00 on the day the response is due, remind the handler; once it is late,
/// escalate to every manager. Never to the member of staff complained about. Each is marked in the transaction that
/// queues it, so each goes once per stage; after downtime a late reminder marks the milder one it supersedes. Mail and
/// bells name the complaint's reference only, never who complained or what about.
/// </summary>
public sealed class ComplaintReminders(DataChanges changes, IOptions<MailOptions> mail)
{
    /// <returns>How many complaints were reminded about this run.</returns>
    public Task<int> RunAsync(CancellationToken ct) => changes.RunAsync(ChangeOptions.JobRun(), c => RemindAsync(c, ct), ct);

    private async Task<int> RemindAsync(ChangeScope c, CancellationToken ct)
    {
        var (db, now) = (c.Db, c.Now);
        var today = LondonTime.Today(now);
        var morning = LondonTime.ToInstant(today, WorkingCalendar.Opens);
        var open = await db.Complaints.Where(x => x.RespondedAt == null && x.RespondLateEscalatedAt == null).ToListAsync(ct);
        if (open.Count == 0)
        {
            return 0;
        }

        var managers = await db.IdsInRolesAsync(Permissions.Matrix[Permissions.Complaints], ct);
        var alerts = await StaffAlerts.ForAsync(db, mail.Value, now, ct);
        var reminded = new List<Guid>();
        foreach (var complaint in open)
        {
            // Due today counts from 09:00 on the day, so nobody is woken by a reminder at midnight.
            bool DueToday(DateTimeOffset deadline) => now >= morning && LondonTime.Today(deadline) == today;
            IReadOnlyCollection<string> handlers = complaint.HandlerId is { } h ? [h] : managers;
            var sent = false;
            void Notify(IEnumerable<string> to, string text)
            {
                alerts.Send(to.Where(id => !complaint.IsAbout(id)), "Complaint deadline", $"Complaint {complaint.Reference} (stage {complaint.Stage}): {text}", Path(complaint), "Open the complaint");
                sent = true;
            }

            if (complaint.AcknowledgedAt is null && complaint.AcknowledgeLateRemindedAt is null)
            {
                if (now >= complaint.AcknowledgeBy)
                {
                    Notify(handlers.Union(managers), $"the acknowledgement was due by {Clock.Deadline(complaint.AcknowledgeBy)} and has not been sent.");
                    complaint.MarkAcknowledgeLateReminded(now);
                }
                else if (complaint.AcknowledgeDueRemindedAt is null && DueToday(complaint.AcknowledgeBy))
                {
                    Notify(handlers, $"acknowledge it by {Clock.Deadline(complaint.AcknowledgeBy)}.");
                    complaint.MarkAcknowledgeDueReminded(now);
                }
            }

            if (now >= complaint.RespondBy)
            {
                Notify(handlers.Union(managers), $"the response was due by {Clock.Deadline(complaint.RespondBy)} and has not been sent.");
                complaint.MarkRespondLateEscalated(now);
            }
            else if (complaint.RespondDueRemindedAt is null && DueToday(complaint.RespondBy))
            {
                Notify(handlers, $"send the response by {Clock.Deadline(complaint.RespondBy)}.");
                complaint.MarkRespondDueReminded(now);
            }

            if (sent)
            {
                reminded.Add(complaint.Id);
            }
        }

        reminded.ForEach(id => c.Publish(new ComplaintChanged(id)));
        foreach (var staffId in alerts.Notified)
        {
            c.Publish(new StaffNotified(staffId));
        }

        return reminded.Count;
    }

    public static string Path(Complaint complaint) => $"/complaints/{complaint.Id}";
}
