using System.Security.Claims;
using System.Security.Cryptography;
using DropIn.Domain;
using DropIn.Domain.Calendar;
using DropIn.Domain.Cases;
using DropIn.Domain.Reviews;
using DropIn.Web.Data;
using DropIn.Web.Features.Cases;
using DropIn.Web.Security;
using DropIn.Web.Security.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Visits;

/// <summary>
/// An external assessor's visit (Advice Quality Standard): a manager grants one assessor read-only access, for a few
/// London days, to a random sample of files whose students agreed to be sampled; the assessor reads them masked, signed
/// in with a second factor, and every file they open is in the audit trail. Access ends by itself when the visit does
/// (every read checks the time), and <see cref="EndSessionsAsync"/> then ends the assessor's open screens.
/// </summary>
public sealed class AssessorVisitService(
    IDbContextFactory<DropInDbContext> dbFactory, DataChanges changes, StaffAuthorizer authorizer, AuditLog audit, TimeProvider clock,
    UserManager<StaffUser> users, SignInSessions sessions)
{
    public const string RecordType = "AssessorVisit";

    /// <summary>How recent a file must be to be sampled: open, or closed within this many years (recent work is what is assessed).</summary>
    public const int ClosedWithinYears = 2;

    private const string Closed = "This file is not open to you now: your visit has ended, or it is not in your sample.";
    private const string Withdrawn = "This file has been taken out of your sample: the student no longer agrees to it being read.";

    /// <summary>Visits newest first, the assessor accounts, and how many files may be sampled today.</summary>
    public async Task<VisitsOverview> OverviewAsync(ClaimsPrincipal user)
    {
        await authorizer.RequireAsync(user, Permissions.ManageVisits);
        await using var db = await dbFactory.CreateDbContextAsync();
        var names = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        var visits = await db.AssessorVisits.AsNoTracking().OrderByDescending(v => v.StartsAt).ThenByDescending(v => v.GrantedAt).Take(50).ToListAsync();
        var assessors = await AssessorsAsync(db);
        return new VisitsOverview(
            [.. visits.Select(v => new VisitRow(v.Id, names.GetValueOrDefault(v.AssessorId, "(former account)"), v.StartsAt, v.AccessEnds, v.Files.Count,
                v.EndedAt is not null, names.GetValueOrDefault(v.GrantedBy, "(former staff)")))],
            [.. assessors.Select(id => new AssessorAccount(id, names.GetValueOrDefault(id, id))).OrderBy(a => a.Name, StringComparer.Ordinal)],
            (await ConsentedAsync(db)).Count);
    }

    /// <summary>
    /// Grants <paramref name="assessorId"/> a visit of <paramref name="days"/> London days from <paramref name="firstDay"/>
    /// to <paramref name="files"/> files drawn at random from those whose students agreed to be sampled.
    /// </summary>
    /// <returns>The visit's id.</returns>
    /// <exception cref="RuleException">Not an assessor's account, days or files out of range, a past day, or no consented file.</exception>
    public async Task<Guid> GrantAsync(ClaimsPrincipal user, string assessorId, DateOnly firstDay, int days, int files, int? seed = null)
    {
        var manager = await authorizer.RequireAsync(user, Permissions.ManageVisits);
        return await changes.RunAsync(ChangeOptions.Report("Something changed as the visit was saved; try again."), async scope =>
        {
            if (!(await AssessorsAsync(scope.Db)).Contains(assessorId))
            {
                throw new RuleException("Choose an assessor's account. A manager adds one at Staff accounts, with the Assessor role only.");
            }

            var drawnWith = seed ?? RandomNumberGenerator.GetInt32(int.MaxValue);
            var visit = AssessorVisit.Grant(assessorId, firstDay, days, await ConsentedAsync(scope.Db), files, drawnWith, manager.Id, scope.Now);
            scope.Db.AssessorVisits.Add(visit);
            scope.Audit(user, "visit.grant", RecordType, visit.Id.ToString(),
                $"{visit.Files.Count} files, {firstDay:yyyy-MM-dd} for {days} days, seed {drawnWith}");
            return visit.Id;
        });
    }

    /// <summary>Ends a visit now, and the assessor's open screens with it. Ending one that has ended already changes nothing.</summary>
    public async Task EndAsync(ClaimsPrincipal user, Guid visitId)
    {
        var manager = await authorizer.RequireAsync(user, Permissions.ManageVisits);
        var ended = await changes.RunAsync(ChangeOptions.Reapply("The visit changed as it was ended; try again."), async scope =>
        {
            var visit = await scope.Db.AssessorVisits.SingleOrDefaultAsync(v => v.Id == visitId) ?? throw new RuleException("That visit does not exist.");
            if (!visit.End(manager.Id, scope.Now))
            {
                return null;
            }

            scope.Audit(user, "visit.end", RecordType, visitId.ToString());
            return visit.AssessorId;
        });
        if (ended is not null)
        {
            await EndSessionsAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Ends the open sessions of every assessor whose visit has ended and whose sessions were not yet ended: their cookie
    /// fails its next check (a new security stamp) and open screens go to the sign-in page. Once per visit; run by a job.
    /// </summary>
    /// <returns>How many visits' sessions were ended.</returns>
    public async Task<int> EndSessionsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var due = await db.AssessorVisits.AsNoTracking()
            .Where(v => v.SessionsEndedAt == null && (v.EndsAt <= now || v.EndedAt != null))
            .Select(v => new { v.Id, v.AssessorId }).ToListAsync(ct);
        foreach (var visit in due)
        {
            if (await users.FindByIdAsync(visit.AssessorId) is { } assessor)
            {
                await users.UpdateSecurityStampAsync(assessor);
                await sessions.EndAllAsync(assessor.Id);
            }

            await changes.RunAsync(ChangeOptions.JobRun(), async scope =>
            {
                var row = await scope.Db.AssessorVisits.SingleAsync(v => v.Id == visit.Id, ct);
                if (row.SessionsEndedAt is null)
                {
                    row.MarkSessionsEnded(scope.Now);
                    scope.Audit(null, "visit.sessions-ended", RecordType, visit.Id.ToString());
                }
            }, ct);
        }

        return due.Count;
    }

    /// <summary>The assessor's sample now: the files of every visit of theirs open at this moment.</summary>
    public async Task<AssessorSample> SampleAsync(ClaimsPrincipal user)
    {
        var assessor = await RequireAssessorAsync(user);
        await using var db = await dbFactory.CreateDbContextAsync();
        var now = clock.GetUtcNow();
        var visits = await db.AssessorVisits.AsNoTracking().Where(v => v.AssessorId == assessor.Id && v.EndsAt > now).ToListAsync();
        var open = visits.Where(v => v.IsOpen(now)).ToList();
        var next = visits.Where(v => v.StartsAt > now && v.EndedAt == null).Select(v => (DateTimeOffset?)v.StartsAt).Min();
        await audit.ViewedAsync(user, RecordType, "sample");
        if (open.Count == 0)
        {
            return new AssessorSample([], null, next);
        }

        var ids = open.SelectMany(v => v.Files).Select(f => f.CaseId).Distinct().ToList();
        // A student who has since said no is left out of the list, as their file is refused.
        var consenting = await (from c in db.Cases.AsNoTracking()
                                join s in db.Students on c.StudentId equals s.Id
                                where ids.Contains(c.Id) && s.SamplingConsentGiven == true
                                select c.Id).ToListAsync();
        var files = await FilesAsync(db, consenting);
        return new AssessorSample([.. files.OrderBy(f => f.Reference, StringComparer.Ordinal)], open.Max(v => v.AccessEnds), next);
    }

    /// <summary>
    /// One file of the assessor's open sample, masked. Checked before anything of the case is read: the permission, a
    /// sign-in with a second factor, an open visit of theirs that includes the file, and the student's agreement still
    /// standing. Every opening is audited, each time (not once per few minutes, as staff views are).
    /// </summary>
    /// <exception cref="ForbiddenException">Any of those checks fails; the refusal is audited.</exception>
    public async Task<MaskedFile> FileAsync(ClaimsPrincipal user, Guid caseId)
    {
        var assessor = await RequireAssessorAsync(user);
        await using var db = await dbFactory.CreateDbContextAsync();
        var now = clock.GetUtcNow();
        var visits = await db.AssessorVisits.AsNoTracking().Where(v => v.AssessorId == assessor.Id && v.EndsAt > now).ToListAsync();
        var visit = visits.Where(v => v.IsOpen(now) && v.Includes(caseId)).MaxBy(v => v.AccessEnds);
        var found = visit is null ? null : await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == caseId);
        var student = found is null ? null : await db.Students.AsNoTracking().SingleOrDefaultAsync(s => s.Id == found.StudentId);
        if (visit is null || found is null || student is null || student.SamplingConsentGiven != true)
        {
            var withdrawn = visit is not null && found is not null;
            await audit.RecordAsync(user, "case.assess", "Case", caseId.ToString(), DropIn.Domain.Confidentiality.AuditOutcome.Refused,
                withdrawn ? "the student's agreement to sampling is not recorded now" : "no open visit with this file");
            throw new ForbiddenException(Permissions.Assess, withdrawn ? Withdrawn : Closed);
        }

        await audit.RecordAsync(user, "case.assess", "Case", caseId.ToString(), detail: $"visit {visit.Id}");
        string Mask(string? text) => FileMasking.Mask(text, [student.Name, student.PreferredName], student.StudentNumber);
        var names = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        string NameOf(string id) => names.GetValueOrDefault(id, "(former staff)");
        var entries = await db.TimelineEntries.AsNoTracking().Where(e => e.CaseId == caseId)
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.RecordedAt).ToListAsync();
        var deadlines = await db.CaseDeadlines.AsNoTracking().Where(d => d.CaseId == caseId).OrderBy(d => d.DueOn).ToListAsync();
        var plan = await db.ActionItems.AsNoTracking().Where(a => a.CaseId == caseId).OrderBy(a => a.AgreedAt).ToListAsync();
        var consents = await db.Consents.AsNoTracking().Where(c => c.StudentId == found.StudentId).OrderByDescending(c => c.GivenOn).ToListAsync();
        return new MaskedFile(
            (await FilesAsync(db, [caseId])).Single(),
            Mask(found.Summary),
            [.. found.Caseworkers.Select(c => NameOf(c.StaffId)).Order(StringComparer.Ordinal)],
            [.. entries.Select(e => new MaskedEntry(e.Kind, e.OccurredAt, NameOf(e.RecordedBy), Mask(e.Text), e.CorrectedById is not null))],
            [.. deadlines.Select(d => new MaskedItem(Mask(d.Title), d.DueOn, d.MetAt is not null))],
            [.. plan.Select(a => new MaskedItem($"{CaseText.Party(a.Party)}: {Mask(a.What)}", a.By, a.DoneAt is not null))],
            [.. consents.Select(c => new MaskedConsent(Mask(c.ThirdParty), Mask(c.Purpose), c.GivenOn, c.ExpiresOn, c.WithdrawnAt is not null))],
            found.Outcome,
            await CaseService.AchievedAsync(db, found),
            found.Level,
            found.OutcomeNote is null ? null : Mask(found.OutcomeNote),
            visit.AccessEnds);
    }

    // An assessor signs in with a second factor, always; a session without one (say, a policy turned off since) reads nothing.
    private async Task<StaffMember> RequireAssessorAsync(ClaimsPrincipal user)
    {
        var assessor = await authorizer.RequireAsync(user, Permissions.Assess);
        if (!user.HasClaim(Security.TwoFactor.StaffSignIn.MultiFactorClaim, "mfa"))
        {
            await audit.RecordAsync(user, "refused", outcome: DropIn.Domain.Confidentiality.AuditOutcome.Refused, detail: "assessor without a second factor");
            throw new ForbiddenException(Permissions.Assess, "Sign out, then sign in again with your authenticator app or passkey: an assessor always uses two steps.");
        }

        return assessor;
    }

    private static Task<List<string>> AssessorsAsync(DropInDbContext db) => db.IdsInRolesAsync([Roles.Assessor]);

    /// <summary>Files that may be sampled now: open, or closed within <see cref="ClosedWithinYears"/> years, of students who agreed.</summary>
    private async Task<List<VisitFile>> ConsentedAsync(DropInDbContext db)
    {
        var since = clock.GetUtcNow().AddYears(-ClosedWithinYears);
        var rows = await (from c in db.Cases.AsNoTracking()
                          join s in db.Students on c.StudentId equals s.Id
                          where s.SamplingConsentGiven == true && s.MergedIntoId == null && (c.ClosedAt == null || c.ClosedAt >= since)
                          select new { c.Id, c.Number }).ToListAsync();
        return [.. rows.Select(r => new VisitFile(r.Id, Case.ReferenceOf(r.Number)))];
    }

    private static async Task<List<SampleFile>> FilesAsync(DropInDbContext db, List<Guid> ids)
    {
        var rows = await (from c in db.Cases.AsNoTracking()
                          join category in db.CaseCategories on c.CategoryId equals category.Id
                          where ids.Contains(c.Id)
                          select new { c.Id, c.Number, Category = category.Name, c.Status, c.OpenedAt, c.ClosedAt }).ToListAsync();
        return [.. rows.Select(r => new SampleFile(r.Id, Case.ReferenceOf(r.Number), r.Category, r.Status, r.OpenedAt, r.ClosedAt))];
    }
}
