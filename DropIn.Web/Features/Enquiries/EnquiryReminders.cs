using System.Net;
using DropIn.Domain.Calendar;
using DropIn.Domain.Enquiries;
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
/// milder ones it supersedes are marked, so nobody gets a "due today" about something already breached.
/// </summary>
public sealed class EnquiryReminders(IDbContextFactory<DropInDbContext> dbFactory, ILiveUpdates live, TimeProvider clock, IOptions<MailOptions> mail)
{
    /// <returns>How many reminders (of any kind) were sent this run.</returns>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var startOfToday = LondonTime.ToInstant(LondonTime.Today(now), WorkingCalendar.Opens);
        var candidates = await db.Enquiries
            .Where(e => e.AcknowledgedAt == null && e.Outcome == null && e.BreachEscalatedAt == null)
            .ToListAsync(ct);
        var managers = await db.IdsInRolesAsync([Roles.Manager], ct);
        var staff = await db.Users.AsNoTracking().Select(u => new { u.Id, u.Email }).ToDictionaryAsync(u => u.Id, u => u.Email, ct);
        var reminded = new List<Guid>();
        var notified = new HashSet<string>();
        foreach (var e in candidates)
        {
            var assignees = e.AssigneeId is null ? managers : [e.AssigneeId];
            if (now >= e.BreachAt)
            {
                Notify(db, managers, staff, notified, $"Breached: the enquiry from {e.FromName} ({e.Channel}) was not acknowledged within 3 working days.", now);
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
                Notify(db, [.. assignees.Union(managers)], staff, notified, $"Overdue: the enquiry from {e.FromName} ({e.Channel}) passed its 2-working-day target. Breach at {Clock(e.BreachAt)}.", now);
                e.MarkTargetMissedReminded(now);
                if (e.DueTodayRemindedAt is null)
                {
                    e.MarkDueTodayReminded(now);
                }
            }
            else if (now < e.TargetAt && now >= startOfToday && LondonTime.Today(e.TargetAt) == LondonTime.Today(now) && e.DueTodayRemindedAt is null)
            {
                Notify(db, assignees, staff, notified, $"Due today: acknowledge the enquiry from {e.FromName} ({e.Channel}) by {Clock(e.TargetAt)}.", now);
                e.MarkDueTodayReminded(now);
            }
            else
            {
                continue;
            }

            reminded.Add(e.Id);
        }

        await db.SaveChangesAsync(ct);
        foreach (var id in reminded)
        {
            await live.PublishAsync(new EnquiryChanged(id));
        }

        foreach (var staffId in notified)
        {
            await live.PublishAsync(new StaffNotified(staffId));
        }

        return reminded.Count;
    }

    private void Notify(DropInDbContext db, IReadOnlyCollection<string> staffIds, Dictionary<string, string?> emails, HashSet<string> notified, string text, DateTimeOffset now)
    {
        foreach (var id in staffIds.Distinct())
        {
            notified.Add(id);
            db.Notifications.Add(new StaffNotification(id, text, "/enquiries", now));
            if (emails.GetValueOrDefault(id) is { } address)
            {
                var link = mail.Value.PublicBaseUrl.TrimEnd('/') + "/enquiries";
                // Staff mail carries the student's name only because staff may see it; never the enquiry's summary.
                db.Outbox.Add(new OutboxMessage(address, "Enquiry acknowledgement reminder", $"{text}\n\n{link}", $"<p>{WebUtility.HtmlEncode(text)}</p><p><a href=\"{link}\">Open the enquiries board</a></p>", null, now));
            }
        }
    }

    private static string Clock(DateTimeOffset instant) => LondonTime.ToLocal(instant).ToString("ddd d MMM HH:mm", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
}
