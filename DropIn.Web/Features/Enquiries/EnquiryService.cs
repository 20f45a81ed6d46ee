using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Calendar;
using DropIn.Domain.Enquiries;
using DropIn.Web.Data;
using DropIn.Web.Live;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Enquiries;

/// <summary>First contacts and the acknowledgement promise: recording, the SLA board, acknowledging and resolving.</summary>
public sealed class EnquiryService(IDbContextFactory<DropInDbContext> dbFactory, DataChanges changes, StaffAuthorizer authorizer, InformationBarriers barriers, TimeProvider clock)
{
    private static readonly ChangeOptions ChangedMeanwhile = ChangeOptions.Report("Someone else changed this enquiry a moment ago; the board shows their change.");

    /// <summary>
    /// Recording re-applies a conflict (a student record changed at the same moment): what is recorded does not depend
    /// on it, and someone sending the web form cannot be asked to sort it out. Under the closures lock: a closure day
    /// added at the same moment is either seen here or recomputes this enquiry.
    /// </summary>
    private static readonly ChangeOptions Recording =
        ChangeOptions.Reapply("The enquiry could not be recorded just now because records were changing at the same moment. Please send it again.") with { Lock = RuleLocks.Closures };

    /// <param name="studentId">The student's existing record, when the enquiry is from someone already registered.</param>
    public async Task<Enquiry> RecordAsync(ClaimsPrincipal user, EnquiryChannel channel, DateTimeOffset received, string fromName, string? contact, string summary, string? assigneeId, Guid? studentId = null)
    {
        var staff = await authorizer.RequireAsync(user, Permissions.Enquiries);
        if (studentId is { } linked)
        {
            await barriers.RequireVisibleAsync(user, BarrierTarget.Student(linked));
        }

        return await AddAsync(channel, received, fromName, contact, summary, assigneeId, staff.Id, studentId);
    }

    /// <summary>
    /// The public web form: no sign-in; returns the enquiry so the page can say when to expect a reply. The same message
    /// sent again within <see cref="Enquiry.ResendWindow"/> (Send pressed twice, at once or after a slow answer) is the
    /// one enquiry already recorded, with the same answer.
    /// </summary>
    public Task<Enquiry> SubmitWebFormAsync(string name, string email, string summary)
    {
        if (string.IsNullOrWhiteSpace(email) || !System.Net.Mail.MailAddress.TryCreate(email.Trim(), out _))
        {
            throw new RuleException("Enter an email address we can reply to.");
        }

        return AddAsync(EnquiryChannel.WebForm, clock.GetUtcNow(), name, email.Trim(), summary, assigneeId: null, recordedBy: null, studentId: null);
    }

    public async Task<SlaBoard> BoardAsync(ClaimsPrincipal user, string? assigneeId = null, EnquiryChannel? channel = null)
    {
        await authorizer.RequireAsync(user, Permissions.Enquiries);
        await using var db = await dbFactory.CreateDbContextAsync();
        var now = clock.GetUtcNow();
        var query = db.Enquiries.AsNoTracking().Where(e => e.AcknowledgedAt == null && e.Outcome == null);
        var lens = await barriers.LensAsync(user);
        var open = (await query.OrderBy(e => e.TargetAt).ToListAsync())
            .Select(e => lens.Hides(e.StudentId, e.FromName, e.Contact) ? (Enquiry: e.Redacted(InformationBarriers.HiddenText), Hidden: true) : (Enquiry: e, Hidden: false)).ToList();
        var staff = await StaffAsync(db);
        var names = staff.ToDictionary(s => s.Id, s => s.Name);
        var rows = open.Select(o => new SlaRow(o.Enquiry, o.Enquiry.StateAt(now), o.Enquiry.AssigneeId is null ? "Shared inbox" : names.GetValueOrDefault(o.Enquiry.AssigneeId, "(former staff)"), o.Hidden)).ToList();
        var shown = rows.Where(r => (assigneeId is null || (assigneeId == "" ? r.Enquiry.AssigneeId is null : r.Enquiry.AssigneeId == assigneeId))
                                 && (channel is null || r.Enquiry.Channel == channel)).ToList();
        return new SlaBoard(shown,
            shown.Count(r => r.State == SlaState.OnTrack), shown.Count(r => r.State == SlaState.DueToday),
            shown.Count(r => r.State == SlaState.Overdue), shown.Count(r => r.State == SlaState.Breached), staff);
    }

    public Task AcknowledgeAsync(ClaimsPrincipal user, Guid id, AcknowledgementMethod how, DateTimeOffset? at = null) =>
        ChangeAsync(user, id, (e, staff, now) => e.Acknowledge(staff.Id, how, at ?? now, now));

    public Task ResolveAsync(ClaimsPrincipal user, Guid id, EnquiryOutcome outcome, string? reason) =>
        ChangeAsync(user, id, (e, staff, now) => e.Resolve(outcome, reason, staff.Id, now));

    public Task AssignAsync(ClaimsPrincipal user, Guid id, string? assigneeId) =>
        ChangeAsync(user, id, (e, _, _) => e.Assign(string.IsNullOrEmpty(assigneeId) ? null : assigneeId));

    /// <summary>
    /// Per month and channel (London dates): how many were received, how many are not yet due, and of those already
    /// judged against each deadline how many were acknowledged within 2 and within 3 working days. An enquiry
    /// received yesterday has not failed the promise (<see cref="AcknowledgementPromise"/>).
    /// </summary>
    public async Task<IReadOnlyList<SlaReportRow>> ReportAsync(ClaimsPrincipal user, DateOnly from, DateOnly to)
    {
        await authorizer.RequireAsync(user, Permissions.Enquiries);
        await using var db = await dbFactory.CreateDbContextAsync();
        var start = LondonTime.ToInstant(from, TimeOnly.MinValue);
        var end = LondonTime.ToInstant(to.AddDays(1), TimeOnly.MinValue);
        var now = clock.GetUtcNow();
        var rows = await db.Enquiries.AsNoTracking().Where(e => e.ReceivedAt >= start && e.ReceivedAt < end)
            .Select(e => new { e.ReceivedAt, e.Channel, e.AcknowledgedAt, e.TargetAt, e.BreachAt }).ToListAsync();
        return [.. rows.GroupBy(r => (LondonTime.ToLocal(r.ReceivedAt).Year, LondonTime.ToLocal(r.ReceivedAt).Month, r.Channel))
            .OrderBy(g => g.Key.Year).ThenBy(g => g.Key.Month).ThenBy(g => g.Key.Channel)
            .Select(g => new SlaReportRow(g.Key.Year, g.Key.Month, g.Key.Channel, g.Count(),
                NotYetDue: g.Count(r => !AcknowledgementPromise.Judged(r.AcknowledgedAt, r.TargetAt, now)),
                DueByTarget: g.Count(r => AcknowledgementPromise.Judged(r.AcknowledgedAt, r.TargetAt, now)),
                WithinTwo: g.Count(r => AcknowledgementPromise.Kept(r.AcknowledgedAt, r.TargetAt)),
                DueByBreach: g.Count(r => AcknowledgementPromise.Judged(r.AcknowledgedAt, r.BreachAt, now)),
                WithinThree: g.Count(r => AcknowledgementPromise.Kept(r.AcknowledgedAt, r.BreachAt))))];
    }

    /// <summary>
    /// After a closure day is added or removed, in the caller's transaction (which holds <see cref="RuleLocks.Closures"/>):
    /// every open enquiry's deadlines again, from the closures that transaction sees. The caller saves.
    /// </summary>
    /// <returns>The enquiries recomputed, for the caller to announce once committed.</returns>
    public async Task<IReadOnlyList<Guid>> RecomputeOpenDeadlinesAsync(DropInDbContext db, CancellationToken ct = default)
    {
        var open = await db.Enquiries.Where(e => e.AcknowledgedAt == null && e.Outcome == null).ToListAsync(ct);
        if (open.Count == 0)
        {
            return [];
        }

        var calendar = await db.WorkingCalendarAsync(LondonTime.Today(open.Min(e => e.ReceivedAt)), LondonTime.Today(clock.GetUtcNow()).AddDays(60), ct);
        open.ForEach(e => e.Recompute(calendar));
        return [.. open.Select(e => e.Id)];
    }

    public static async Task<List<StaffOption>> StaffAsync(DropInDbContext db)
    {
        var ids = await db.IdsInRolesAsync([Roles.Caseworker, Roles.Manager]);
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).OrderBy(u => u.DisplayName).Select(u => new StaffOption(u.Id, u.DisplayName)).ToListAsync();
    }

    private async Task<Enquiry> AddAsync(EnquiryChannel channel, DateTimeOffset received, string fromName, string? contact, string summary, string? assigneeId, string? recordedBy, Guid? studentId)
    {
        return await changes.RunAsync(Recording, async scope =>
        {
            var (db, now) = (scope.Db, scope.Now);
            var calendar = await db.WorkingCalendarAsync(LondonTime.Today(received), LondonTime.Today(now).AddDays(60));
            var enquiry = Enquiry.Record(channel, received, now, fromName, contact, summary, string.IsNullOrEmpty(assigneeId) ? null : assigneeId, recordedBy, calendar);
            if (channel == EnquiryChannel.WebForm && await FirstSendingAsync(db, enquiry) is { } first)
            {
                return first;
            }

            if (studentId is { } id)
            {
                var student = await db.Students.SingleOrDefaultAsync(s => s.Id == id && s.MergedIntoId == null) ?? throw new RuleException("That student record does not exist; search again.");
                enquiry.LinkTo(id, null);
                student.RecordInvolvement(received);
            }

            db.Enquiries.Add(enquiry);
            scope.Publish(new EnquiryChanged(enquiry.Id));
            return enquiry;
        });
    }

    /// <summary>The earlier web-form enquiry that <paramref name="enquiry"/> repeats, if any. Read under the same lock as the insert, so two sends at once find each other.</summary>
    private static async Task<Enquiry?> FirstSendingAsync(DropInDbContext db, Enquiry enquiry)
    {
        var since = enquiry.ReceivedAt - Enquiry.ResendWindow;
        // The words are encrypted at rest, so the few recent web-form messages are compared once read.
        var recent = await db.Enquiries.AsNoTracking().Where(e => e.Channel == EnquiryChannel.WebForm && e.ReceivedAt >= since).ToListAsync();
        return recent.Where(e => e.IsResentAs(enquiry)).OrderBy(e => e.ReceivedAt).FirstOrDefault();
    }

    private async Task ChangeAsync(ClaimsPrincipal user, Guid id, Action<Enquiry, StaffMember, DateTimeOffset> change)
    {
        var staff = await authorizer.RequireAsync(user, Permissions.Enquiries);
        await barriers.RequireVisibleAsync(user, BarrierTarget.Enquiry(id));
        await changes.RunAsync(ChangedMeanwhile, async scope =>
        {
            var enquiry = await scope.Db.Enquiries.SingleOrDefaultAsync(e => e.Id == id) ?? throw new RuleException("That enquiry no longer exists; reload the board.");
            change(enquiry, staff, scope.Now);
            scope.Publish(new EnquiryChanged(id));
        });
    }
}
