using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Calendar;
using DropIn.Domain.Cases;
using DropIn.Domain.Conduct;
using DropIn.Web.Data;
using DropIn.Web.Features.Appointments;
using DropIn.Web.Live;
using DropIn.Web.Messaging;
using DropIn.Web.Security;
using DropIn.Web.Security.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Features.Conduct;

/// <summary>
/// Withdrawal of service under the code of practice: incidents recorded by the staff who saw them; written warnings,
/// decisions to withdraw, reviews and lifting by managers. Every read is behind the student's information barrier and
/// audited; every letter is kept as sent and goes to the student alone, under a subject that says nothing.
/// </summary>
public sealed class ConductService(
    IDbContextFactory<DropInDbContext> dbFactory,
    DataChanges changes,
    StaffAuthorizer authorizer,
    InformationBarriers barriers,
    TimeProvider clock,
    AuditLog audit,
    IOptions<AppointmentOptions> options)
{
    private const string Record = "Conduct";

    /// <summary>
    /// A decision about a student is read and written in one transaction, so that two managers at once cannot both
    /// find no withdrawal in force and each decide one.
    /// </summary>
    private static readonly ChangeOptions StudentChange =
        ChangeOptions.Report("Someone else changed this student's conduct record a moment ago; the page now shows their change.") with { Serialised = true };

    private static readonly ChangeOptions DecisionChange =
        ChangeOptions.Report("Someone else changed this decision a moment ago; the page now shows their change.");

    public DateOnly Today => LondonTime.Today(clock.GetUtcNow());

    public async Task<ConductRecord> GetAsync(ClaimsPrincipal user, Guid studentId)
    {
        await authorizer.RequireAsync(user, Permissions.RecordConduct);
        await using var db = await dbFactory.CreateDbContextAsync();
        var student = await StudentAsync(db, user, studentId);
        await audit.ViewedAsync(user, Record, studentId.ToString());
        var incidents = await db.ConductIncidents.AsNoTracking().Where(i => i.StudentId == studentId).ToListAsync();
        var warnings = await db.ConductWarnings.AsNoTracking().Where(w => w.StudentId == studentId).ToListAsync();
        var withdrawals = await db.Withdrawals.AsNoTracking().Where(w => w.StudentId == studentId).ToListAsync();
        var standing = student.EmailKey is null ? null : await db.StudentStandings.AsNoTracking().SingleOrDefaultAsync(s => s.Email == student.EmailKey);
        var names = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        string Name(string? id) => id is null ? "" : names.GetValueOrDefault(id, "(former staff)");
        return new ConductRecord(
            student.Id,
            student.DisplayName,
            student.Email,
            standing?.NoShows ?? 0,
            standing?.WarningDueSince is not null,
            [.. incidents.OrderByDescending(i => i.OccurredAt).Select(i => new IncidentView(i, Name(i.RecordedBy)))],
            [.. warnings.OrderByDescending(w => w.IssuedAt).Select(w => new WarningView(w, Name(w.IssuedBy)))],
            [.. withdrawals.OrderByDescending(w => w.DecidedAt).Select(w => new WithdrawalView(w, Name(w.DecidedBy), w.LiftedBy is null ? null : Name(w.LiftedBy)))]);
    }

    public Task<ConductIncident> RecordIncidentAsync(ClaimsPrincipal user, Guid studentId, IncidentKind kind, DateTimeOffset occurredAt, string description) =>
        ChangeAsync(user, Permissions.RecordConduct, studentId, "conduct.incident", (db, _, staff, now) =>
        {
            var incident = ConductIncident.Record(studentId, kind, occurredAt, description, staff.Id, now);
            db.ConductIncidents.Add(incident);
            return Task.FromResult(incident);
        }, i => i.Id);

    /// <summary>The warning letter from its template, for the manager to read and edit before it is issued.</summary>
    public async Task<string> DraftWarningAsync(ClaimsPrincipal user, Guid studentId, IncidentKind grounds)
    {
        await authorizer.RequireAsync(user, Permissions.DecideWithdrawal);
        IncidentKinds.RequireGrounds(grounds);
        await using var db = await dbFactory.CreateDbContextAsync();
        var student = await StudentAsync(db, user, studentId);
        return ConductLetters.Warning(student.Name, grounds, Today, options.Value.ServiceContact);
    }

    public Task<ConductWarning> IssueWarningAsync(ClaimsPrincipal user, Guid studentId, IncidentKind grounds, string letterText, LetterDelivery delivery) =>
        ChangeAsync(user, Permissions.DecideWithdrawal, studentId, "conduct.warning", (db, student, staff, now) =>
        {
            var warning = ConductWarning.Issue(studentId, grounds, letterText, delivery, staff.Id, now);
            db.ConductWarnings.Add(warning);
            Send(db, student, warning.Delivery, warning.LetterText, now);
            return Task.FromResult(warning);
        }, w => w.Id);

    /// <summary>Checks the decision (a warning first or why not, an alternative or why not, the review date) and drafts the notice.</summary>
    public async Task<string> DraftNoticeAsync(ClaimsPrincipal user, Guid studentId, WithdrawalDecision decision)
    {
        await authorizer.RequireAsync(user, Permissions.DecideWithdrawal);
        await using var db = await dbFactory.CreateDbContextAsync();
        var student = await StudentAsync(db, user, studentId);
        var (warning, alternative) = await DecisionContextAsync(db, studentId, decision);
        var valid = Withdrawal.Validate(decision, warning, alternative, Today);
        return ConductLetters.Notice(student.Name, valid, alternative, Today, options.Value.ServiceContact);
    }

    public Task<Withdrawal> WithdrawAsync(ClaimsPrincipal user, Guid studentId, WithdrawalDecision decision, string noticeText) =>
        ChangeAsync(user, Permissions.DecideWithdrawal, studentId, "conduct.withdraw", async (db, student, staff, now) =>
        {
            if (await db.Withdrawals.AnyAsync(w => w.StudentId == studentId && w.LiftedAt == null))
            {
                throw new RuleException("The service is already withdrawn from this student; review that decision instead.");
            }

            var (warning, alternative) = await DecisionContextAsync(db, studentId, decision);
            var withdrawal = Withdrawal.Decide(studentId, decision, warning, alternative, noticeText, staff.Id, now, LondonTime.Today(now));
            db.Withdrawals.Add(withdrawal);
            Send(db, student, withdrawal.Delivery, withdrawal.NoticeText, now);
            return withdrawal;
        }, w => w.Id);

    public Task<Withdrawal> LiftAsync(ClaimsPrincipal user, Guid withdrawalId, string reason) =>
        ChangeWithdrawalAsync(user, withdrawalId, "conduct.lift", (w, staff, now) => w.Lift(reason, staff.Id, now));

    public Task<Withdrawal> SetNextReviewAsync(ClaimsPrincipal user, Guid withdrawalId, DateOnly next) =>
        ChangeWithdrawalAsync(user, withdrawalId, "conduct.review", (w, _, now) => w.SetNextReview(next, LondonTime.Today(now)));

    /// <summary>The referral directory's current entries: where a student can go instead.</summary>
    public async Task<IReadOnlyList<AlternativeSource>> AlternativesAsync(ClaimsPrincipal user)
    {
        await authorizer.RequireAsync(user, Permissions.DecideWithdrawal);
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Signposts.AsNoTracking().Where(s => s.Active).OrderBy(s => s.Name).Select(s => new AlternativeSource(s.Id, s.Name, s.Description, s.Contact)).ToListAsync();
    }

    /// <summary>Every withdrawal in force, those due for review first.</summary>
    public async Task<IReadOnlyList<ReviewItem>> ReviewListAsync(ClaimsPrincipal user)
    {
        await authorizer.RequireAsync(user, Permissions.DecideWithdrawal);
        await using var db = await dbFactory.CreateDbContextAsync();
        var rows = await (from w in db.Withdrawals.AsNoTracking()
                          join s in db.Students.AsNoTracking() on w.StudentId equals s.Id
                          where w.LiftedAt == null
                          select new { w.Id, w.StudentId, s.Name, s.PreferredName, w.DecidedAt, w.ReviewOn }).ToListAsync();
        var blocked = await barriers.BlockedAsync(user);
        var today = Today;
        // A read of the list, once per view window: the page reads it when prerendered, again when live, and on every change.
        await audit.ViewedAsync(user, Record, "withdrawals", "review-list", $"{rows.Count} shown");
        return [.. rows.OrderBy(r => r.ReviewOn).Select(r => new ReviewItem(r.Id, r.StudentId,
            blocked.Contains(r.StudentId) ? InformationBarriers.HiddenText : r.PreferredName is null ? r.Name : $"{r.PreferredName} ({r.Name})",
            blocked.Contains(r.StudentId), r.DecidedAt, r.ReviewOn, r.ReviewOn <= today))];
    }

    /// <summary>A warning or notice letter, for printing.</summary>
    public async Task<ConductLetter> LetterAsync(ClaimsPrincipal user, Guid letterId)
    {
        await authorizer.RequireAsync(user, Permissions.RecordConduct);
        await barriers.RequireVisibleAsync(user, BarrierTarget.ConductLetter(letterId));
        await using var db = await dbFactory.CreateDbContextAsync();
        var letter = await db.ConductWarnings.AsNoTracking().Where(w => w.Id == letterId)
                .Select(w => new ConductLetter(w.Id, w.StudentId, "Written warning", w.IssuedAt, w.LetterText)).SingleOrDefaultAsync()
            ?? await db.Withdrawals.AsNoTracking().Where(w => w.Id == letterId)
                .Select(w => new ConductLetter(w.Id, w.StudentId, "Notice of withdrawal of service", w.DecidedAt, w.NoticeText)).SingleOrDefaultAsync()
            ?? throw new RuleException("That letter does not exist.");
        await audit.ViewedAsync(user, Record, letter.StudentId.ToString(), "letter");
        return letter;
    }

    /// <summary>The student, once the barrier has been checked (before anything of theirs is read).</summary>
    private async Task<Student> StudentAsync(DropInDbContext db, ClaimsPrincipal user, Guid studentId)
    {
        await barriers.RequireVisibleAsync(user, BarrierTarget.Student(studentId, Record));
        return await LoadStudentAsync(db, studentId);
    }

    private static async Task<Student> LoadStudentAsync(DropInDbContext db, Guid studentId) =>
        await db.Students.AsNoTracking().SingleOrDefaultAsync(s => s.Id == studentId && s.MergedIntoId == null)
            ?? throw new RuleException("That student record does not exist.");

    private static async Task<(ConductWarning?, AlternativeSource?)> DecisionContextAsync(DropInDbContext db, Guid studentId, WithdrawalDecision decision)
    {
        var warning = await db.ConductWarnings.AsNoTracking().Where(w => w.StudentId == studentId).OrderByDescending(w => w.IssuedAt).FirstOrDefaultAsync();
        var alternative = decision.AlternativeId is { } id
            ? await db.Signposts.AsNoTracking().Where(s => s.Id == id && s.Active).Select(s => new AlternativeSource(s.Id, s.Name, s.Description, s.Contact)).SingleOrDefaultAsync()
            : null;
        return (warning, alternative);
    }

    /// <summary>Queues the letter to the student's own address (never to anyone else), when it goes by email.</summary>
    private static void Send(DropInDbContext db, Student student, LetterDelivery delivery, string text, DateTimeOffset now)
    {
        if (delivery != LetterDelivery.Email)
        {
            return;
        }

        if (student.Email is null)
        {
            throw new RuleException("This student has no email address on their record: choose post or in person, and print the letter.");
        }

        db.Outbox.Add(new OutboxMessage(student.Email, ConductLetters.EmailSubject, EmailBody.Letter(text), null, now));
    }

    private async Task<T> ChangeAsync<T>(ClaimsPrincipal user, string permission, Guid studentId, string action,
        Func<DropInDbContext, Student, StaffMember, DateTimeOffset, Task<T>> change, Func<T, Guid> idOf)
    {
        var staff = await authorizer.RequireAsync(user, permission);
        await barriers.RequireVisibleAsync(user, BarrierTarget.Student(studentId, Record));
        return await changes.RunAsync(StudentChange, async scope =>
        {
            var student = await LoadStudentAsync(scope.Db, studentId);
            var result = await change(scope.Db, student, staff, scope.Now);
            scope.Audit(user, action, Record, studentId.ToString(), idOf(result).ToString());
            scope.Publish(new StudentChanged(studentId));
            return result;
        });
    }

    private async Task<Withdrawal> ChangeWithdrawalAsync(ClaimsPrincipal user, Guid withdrawalId, string action, Action<Withdrawal, StaffMember, DateTimeOffset> change)
    {
        var staff = await authorizer.RequireAsync(user, Permissions.DecideWithdrawal);
        await barriers.RequireVisibleAsync(user, BarrierTarget.Withdrawal(withdrawalId));
        return await changes.RunAsync(DecisionChange, async scope =>
        {
            var withdrawal = await scope.Db.Withdrawals.SingleOrDefaultAsync(w => w.Id == withdrawalId) ?? throw new RuleException("That decision does not exist.");
            change(withdrawal, staff, scope.Now);
            scope.Audit(user, action, Record, withdrawal.StudentId.ToString(), withdrawal.Id.ToString());
            scope.Publish(new StudentChanged(withdrawal.StudentId));
            return withdrawal;
        });
    }
}
