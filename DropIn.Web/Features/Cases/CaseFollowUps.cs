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
/// Prompts the caseworkers on an open case to follow it up or close it: on the follow-up date a caseworker set, or when
/// the student has had no contact for <see cref="CaseOptions.InactivityWorkingDays"/> working days (<see cref="FollowUpRules.Plan"/>).
/// From 09:00 London time, or at once after downtime. Marked in the transaction that queues the prompt, so it goes once
/// per due day, also when two runs meet (the case's version refuses the second save, which is re-applied and finds it
/// prompted). The mail names the case and dates only, never the student or the matter.
/// </summary>
public sealed class CaseFollowUps(DataChanges changes, TimeProvider clock, IOptions<MailOptions> mail, IOptions<CaseOptions> options)
{
    /// <summary>The follow-up plan of each of <paramref name="cases"/> (open ones), by case id.</summary>
    public async Task<Dictionary<Guid, FollowUpPlan>> PlansAsync(DropInDbContext db, IReadOnlyCollection<Case> cases, CancellationToken ct = default)
    {
        if (cases.Count == 0)
        {
            return [];
        }

        var lastContacts = await LastContactsAsync(db, cases, clock.GetUtcNow(), ct);
        DateOnly? LastContact(Case x) => lastContacts.TryGetValue(x.Id, out var day) ? day : null;
        var since = cases.Select(x => FollowUpRules.QuietSince(x, LastContact(x))).ToList();
        var calendar = await CalendarAsync(db, since.Min(), Later(since.Max(), LondonTime.Today(clock.GetUtcNow())), ct);
        var days = options.Value.InactivityWorkingDays;
        return cases.ToDictionary(c => c.Id, c => FollowUpRules.Plan(c, LastContact(c), days, calendar));
    }

    /// <summary>The follow-up plan of one open case, as its file shows it.</summary>
    public async Task<FollowUpPlan> PlanAsync(DropInDbContext db, Case @case, CancellationToken ct = default) => (await PlansAsync(db, [@case], ct))[@case.Id];

    /// <returns>How many cases the caseworkers were prompted about in this run.</returns>
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
        var open = await db.Cases.Where(x => x.Status == CaseStatus.Open).ToListAsync(ct);
        if (open.Count == 0)
        {
            return 0;
        }

        var plans = await PlansAsync(db, open, ct);
        var alerts = await StaffAlerts.ForAsync(db, mail.Value, now, ct);
        var prompted = 0;
        foreach (var @case in open)
        {
            var plan = plans[@case.Id];
            if (!@case.FollowUpPromptDue(plan, today))
            {
                continue;
            }

            var (subject, text) = plan.DateSet
                ? ($"Case {@case.Reference}: follow-up due",
                   $"The follow-up date set on case {@case.Reference} {(plan.DueOn == today ? "is today" : $"was {Clock.Day(plan.DueOn)}")}. Get in touch with the student and record it, set a new follow-up date, or close the case.")
                : ($"Case {@case.Reference}: follow up or close",
                   $"Nobody has recorded contact with the student on case {@case.Reference} since {Clock.Day(plan.QuietSince)}. Get in touch with the student and record it, set a follow-up date, or close the case.");
            alerts.Send(@case.Caseworkers.Select(cw => cw.StaffId), subject, text, $"/cases/{@case.Id}", "Open the case");
            @case.MarkFollowUpPrompted(plan);
            prompted++;
        }

        foreach (var staffId in alerts.Notified)
        {
            c.Publish(new StaffNotified(staffId));
        }

        return prompted;
    }

    /// <summary>
    /// Closures from the earliest day a quiet spell counts from to well past the latest such day or today, whichever is
    /// later: enough for any due day, as the inactivity limit is at most 60 working days and a follow-up date at most
    /// <see cref="FollowUpRules.MaxMonthsAhead"/> months ahead of the day it was set.
    /// </summary>
    /// <summary>
    /// The London day of the latest contact with the student on each of <paramref name="cases"/> that had any by
    /// <paramref name="now"/>: a hearing booked on the timeline for next week is not contact until it has happened.
    /// </summary>
    private static async Task<Dictionary<Guid, DateOnly>> LastContactsAsync(DropInDbContext db, IReadOnlyCollection<Case> cases, DateTimeOffset now, CancellationToken ct)
    {
        var ids = cases.Select(c => c.Id).ToList();
        // The kinds that can be contact are filtered here and the third party on this side: it is encrypted at rest.
        var entries = await db.TimelineEntries.AsNoTracking()
            .Where(e => ids.Contains(e.CaseId) && e.OccurredAt <= now && (e.Kind == EntryKind.Advice || e.Kind == EntryKind.Meeting || e.Kind == EntryKind.Contact))
            .Select(e => new { e.CaseId, e.Kind, e.ThirdParty, e.OccurredAt }).ToListAsync(ct);
        return entries.Where(e => FollowUpRules.IsContact(e.Kind, e.ThirdParty)).GroupBy(e => e.CaseId)
            .ToDictionary(g => g.Key, g => LondonTime.Today(g.Max(e => e.OccurredAt)));
    }

    private static Task<WorkingCalendar> CalendarAsync(DropInDbContext db, DateOnly earliest, DateOnly latest, CancellationToken ct) =>
        db.WorkingCalendarAsync(earliest, latest.AddMonths(FollowUpRules.MaxMonthsAhead + 6), ct);

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;
}
