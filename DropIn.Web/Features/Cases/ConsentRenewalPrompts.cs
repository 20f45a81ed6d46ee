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
/// Prompts the caseworkers on a student's open cases to renew a consent to share before it lapses: from the
/// <see cref="Consent.RenewalNoticeWorkingDays"/>th working day before it expires (or at once after downtime), from
/// 09:00 London time. Marked in the transaction that queues the prompt, so it goes once per expiry, also when two runs
/// meet (the consent's version refuses the second save, which is re-applied and finds it prompted). The mail names the
/// case and the date only, never who the information would go to.
/// </summary>
public sealed class ConsentRenewalPrompts(DataChanges changes, TimeProvider clock, IOptions<MailOptions> mail)
{
    /// <returns>How many consents the caseworkers were prompted about in this run.</returns>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        if (WorkingCalendar.BeforeOpening(clock.GetUtcNow()))
        {
            return 0;
        }

        return await changes.RunAsync(ChangeOptions.JobRun(), c => PromptAsync(c, ct), ct);
    }

    private async Task<int> PromptAsync(ChangeScope c, CancellationToken ct)
    {
        var (db, now) = (c.Db, c.Now);
        var today = LondonTime.Today(now);
        // Ten working days are never more than a month, even over Christmas and Easter closures.
        var horizon = today.AddDays(31);
        var pending = await db.Consents.Where(x => x.WithdrawnAt == null && x.RenewalPromptedAt == null && x.ExpiresOn <= horizon).ToListAsync(ct);
        if (pending.Count == 0)
        {
            return 0;
        }

        var calendar = await db.WorkingCalendarAsync(today.AddDays(-1), horizon, ct);
        var due = pending.Where(x => x.RenewalPromptDue(today, calendar)).ToList();
        var students = due.Select(x => x.StudentId).Distinct().ToList();
        var openCases = await db.Cases.Where(x => students.Contains(x.StudentId) && x.Status == CaseStatus.Open).ToListAsync(ct);
        var alerts = await StaffAlerts.ForAsync(db, mail.Value, now, ct);
        foreach (var consent in due)
        {
            // A student with no open case has nobody to prompt: the consent lapses unless it is renewed on a new case.
            foreach (var @case in openCases.Where(x => x.StudentId == consent.StudentId))
            {
                var when = consent.IsExpired(today) ? $"expired on {Clock.Day(consent.ExpiresOn)}" : $"expires on {Clock.Day(consent.ExpiresOn)}";
                alerts.Send(@case.Caseworkers.Select(cw => cw.StaffId), $"Case {@case.Reference}: consent to renew",
                    $"A consent to share recorded for the student on case {@case.Reference} {when}. Renew it with the student, or let it lapse.",
                    $"/cases/{@case.Id}", "Open the case");
            }

            consent.MarkRenewalPrompted(now);
        }

        foreach (var staffId in alerts.Notified)
        {
            c.Publish(new StaffNotified(staffId));
        }

        return due.Count;
    }
}
