using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using DropIn.Domain;
using DropIn.Domain.Calendar;
using DropIn.Domain.Confidentiality;
using DropIn.Web.Data;
using DropIn.Web.Live;
using DropIn.Web.Security;
using DropIn.Web.Security.Audit;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.SubjectAccess;

/// <summary>
/// Subject access requests, for managers: recorded against a registered student with the statutory deadline, compiled
/// into the student's complete record, reviewed item by item where it concerns someone else, and released. Every call
/// checks the permission and the information barrier: a manager on one side of a dispute cannot handle the other
/// side's request (a neutral manager does).
/// </summary>
public sealed class SubjectAccessService(IDbContextFactory<DropInDbContext> dbFactory, DataChanges changes, StaffAuthorizer authorizer, InformationBarriers barriers, TimeProvider clock, AuditLog audit)
{
    private static readonly ChangeOptions ChangedMeanwhile =
        ChangeOptions.Report("Someone else changed this request at the same moment; the page shows their change. Try again.");

    /// <summary>Two requests recorded at once would take the same number (a unique index): the second takes the next.</summary>
    private static readonly ChangeOptions Numbering =
        ChangeOptions.Reapply("Another request was being recorded at the same moment; try again.");

    public const string ServiceName = "the Students' Union Student Advice Service";

    public async Task<SubjectAccessBoard> BoardAsync(ClaimsPrincipal user)
    {
        await authorizer.RequireAsync(user, Permissions.ManageSubjectAccess);
        await using var db = await dbFactory.CreateDbContextAsync();
        var requests = await db.SubjectAccessRequests.AsNoTracking().ToListAsync();
        var ids = requests.Select(r => r.StudentId).Distinct().ToList();
        var names = await db.Students.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName);
        var blocked = await barriers.BlockedAsync(user);
        var today = LondonTime.Today(clock.GetUtcNow());
        var rows = requests.Select(r => new SubjectAccessRow(r.Id, r.Reference,
            blocked.Contains(r.StudentId) ? InformationBarriers.HiddenText : names.GetValueOrDefault(r.StudentId, "(merged record)"),
            r.ReceivedOn, r.ReceivedHow, r.Deadline, r.DaysLeft(today), r.IsOverdue(today), r.IsDueSoon(today), r.ExtensionMonths, r.Status, r.Undecided, r.IsOpen)).ToList();
        // Open requests by deadline, the most pressing (overdue) first, as on the enquiries board; closed ones newest first.
        return new SubjectAccessBoard(
            [.. rows.Where(r => r.IsOpen).OrderBy(r => r.Deadline).ThenBy(r => r.Reference, StringComparer.Ordinal)],
            [.. rows.Where(r => !r.IsOpen).OrderByDescending(r => r.ReceivedOn).ThenByDescending(r => r.Reference, StringComparer.Ordinal)],
            rows.Count(r => r.Overdue), rows.Count(r => r.DueSoon));
    }

    public async Task<SubjectAccessRequest> RecordAsync(ClaimsPrincipal user, Guid studentId, DateOnly receivedOn, SubjectAccessChannel how)
    {
        var staff = await authorizer.RequireAsync(user, Permissions.ManageSubjectAccess);
        await barriers.RequireVisibleAsync(user, BarrierTarget.Student(studentId));
        return await changes.RunAsync(Numbering, async scope =>
        {
            if (!await scope.Db.Students.AnyAsync(s => s.Id == studentId && s.MergedIntoId == null))
            {
                throw new RuleException("That student record does not exist; search for the student again.");
            }

            var number = (await scope.Db.SubjectAccessRequests.MaxAsync(r => (int?)r.Number) ?? 0) + 1;
            var request = SubjectAccessRequest.Record(number, studentId, receivedOn, how, staff.Id, scope.Now);
            scope.Db.SubjectAccessRequests.Add(request);
            scope.Audit(user, "subject-access.record", "SubjectAccessRequest", request.Id.ToString(), $"student {studentId}");
            scope.Publish(new SubjectAccessChanged(request.Id));
            return request;
        });
    }

    public async Task<SubjectAccessView> GetAsync(ClaimsPrincipal user, Guid id)
    {
        await authorizer.RequireAsync(user, Permissions.ManageSubjectAccess);
        await using var db = await dbFactory.CreateDbContextAsync();
        var request = await RequestAsync(db, user, id);
        await audit.ViewedAsync(user, "SubjectAccessRequest", id.ToString());
        var student = await db.Students.AsNoTracking().SingleAsync(s => s.Id == request.StudentId);
        var staff = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        var party = await db.Disputes.AsNoTracking().AnyAsync(d => d.EndedAt == null && d.Parties.Any(p => p.StudentId == request.StudentId));
        var bundle = await db.SubjectAccessBundles.AsNoTracking().SingleOrDefaultAsync(b => b.RequestId == id);
        List<FlagView> flags = [];
        RecordCounts? counts = null;
        if (bundle is not null)
        {
            var root = JsonNode.Parse(bundle.Json)!;
            var items = Redaction.Items(root);
            var record = root.Deserialize<SubjectAccessRecord>(SubjectAccessRecord.Json)!;
            var where = Where(record);
            flags = [.. request.Flags.Select(f => new FlagView(f, where.GetValueOrDefault(f.ItemId, "the record"), Redaction.TextOf(items, f), f.DecidedBy is { } by ? staff.GetValueOrDefault(by) : null))
                .OrderBy(f => f.Flag.Decision != FlagDecision.Undecided).ThenBy(f => f.Where, StringComparer.Ordinal)];
            counts = new RecordCounts(record.Cases.Count, record.Cases.Sum(c => c.Timeline.Count), record.Cases.Sum(c => c.Documents.Count), record.Visits.Count,
                record.Appointments.Count, record.Enquiries.Count, record.Consents.Count, record.Monitoring is not null);
        }

        var mayExport = bundle is not null && request.Undecided == 0 && request.Status is not (SubjectAccessStatus.Refused or SubjectAccessStatus.Withdrawn);
        return new SubjectAccessView(request, student.Id, student.DisplayName, LondonTime.Today(clock.GetUtcNow()), staff, flags, counts, party, mayExport);
    }

    public Task ExtendAsync(ClaimsPrincipal user, Guid id, int totalMonths, string reason) =>
        ChangeAsync(user, id, "extend", (_, r, staff, now) =>
        {
            r.Extend(totalMonths, reason, staff.Id, now);
            return Task.CompletedTask;
        });

    /// <summary>
    /// Gathers the student's complete record as it stands now and keeps it (encrypted) with the request, with the items
    /// that concern someone else flagged. Compiling again replaces it; unchanged decisions are kept.
    /// </summary>
    public Task CompileAsync(ClaimsPrincipal user, Guid id) =>
        ChangeAsync(user, id, "compile", async (db, request, staff, now) =>
        {
            var compiled = await RecordCompiler.CompileAsync(db, request, ServiceName, now);
            var json = JsonSerializer.Serialize(compiled.Record, SubjectAccessRecord.Json);
            var bundle = await db.SubjectAccessBundles.SingleOrDefaultAsync(b => b.RequestId == id);
            if (bundle is null)
            {
                db.SubjectAccessBundles.Add(new SubjectAccessBundle(id, json, now));
            }
            else
            {
                bundle.Replace(json, now);
            }

            request.Compiled(compiled.Flags, staff.Id, now);
            if (compiled.Record.Monitoring is not null)
            {
                // The one place monitoring answers are read back: the student is entitled to their own.
                await audit.RecordAsync(user, "monitoring.read", "Student", request.StudentId.ToString(), detail: $"for subject access {request.Reference}");
            }
        });

    public Task DecideAsync(ClaimsPrincipal user, Guid id, Guid flagId, FlagDecision decision, string? reason) =>
        ChangeAsync(user, id, "decide", (_, r, staff, now) =>
        {
            r.Decide(flagId, decision, reason, staff.Id, now);
            return Task.CompletedTask;
        });

    public Task MarkReviewedAsync(ClaimsPrincipal user, Guid id) =>
        ChangeAsync(user, id, "review", (_, r, staff, now) =>
        {
            r.MarkReviewed(staff.Id, now);
            return Task.CompletedTask;
        });

    public Task ReleaseAsync(ClaimsPrincipal user, Guid id) =>
        ChangeAsync(user, id, "release", (_, r, staff, now) =>
        {
            r.Release(staff.Id, now);
            return Task.CompletedTask;
        });

    public Task RefuseAsync(ClaimsPrincipal user, Guid id, string reason) =>
        ChangeAsync(user, id, "refuse", (_, r, staff, now) =>
        {
            r.Refuse(reason, staff.Id, now);
            return Task.CompletedTask;
        });

    public Task WithdrawAsync(ClaimsPrincipal user, Guid id, string reason) =>
        ChangeAsync(user, id, "withdraw", (_, r, staff, now) =>
        {
            r.Withdraw(reason, staff.Id, now);
            return Task.CompletedTask;
        });

    /// <summary>
    /// The compiled record with the decisions applied, as JSON and as a readable page. Refused until every flagged item
    /// is decided; the caller (the export endpoint) has already asked for a recent sign-in.
    /// </summary>
    /// <summary>Null when there is no such request (the endpoint answers 404).</summary>
    public async Task<SubjectAccessExport?> ExportAsync(ClaimsPrincipal user, Guid id, string format)
    {
        await authorizer.RequireAsync(user, Permissions.ManageSubjectAccess);
        await using var db = await dbFactory.CreateDbContextAsync();
        if (!await db.SubjectAccessRequests.AnyAsync(r => r.Id == id))
        {
            return null;
        }

        var request = await RequestAsync(db, user, id);
        var bundle = await db.SubjectAccessBundles.AsNoTracking().SingleOrDefaultAsync(b => b.RequestId == id)
            ?? throw new RuleException("Compile the record before downloading it.");
        if (request.Status is SubjectAccessStatus.Refused or SubjectAccessStatus.Withdrawn)
        {
            throw new RuleException("This request was refused or withdrawn; nothing is released.");
        }

        if (request.Undecided > 0)
        {
            throw new RuleException($"{request.Undecided} flagged item(s) still need a decision before the record can be downloaded.");
        }

        var record = Redaction.Apply(bundle.Json, request.Flags);
        await audit.RecordAsync(user, "subject-access.export", "SubjectAccessRequest", id.ToString(),
            detail: $"{format}, student {request.StudentId}, {request.Flags.Count(f => f.Decision == FlagDecision.Redact)} withheld" + (record.Monitoring is null ? "" : ", includes monitoring answers"));
        return new SubjectAccessExport(request.Reference, JsonSerializer.SerializeToUtf8Bytes(record, SubjectAccessRecord.Json), RecordDocumentWriter.Write(record));
    }

    /// <summary>Where each item sits in the record, in words a manager recognises.</summary>
    private static Dictionary<Guid, string> Where(SubjectAccessRecord record)
    {
        var where = new Dictionary<Guid, string>();
        foreach (var c in record.Cases)
        {
            where[c.Id] = $"Case {c.Reference}";
            c.Deadlines.ToList().ForEach(d => where[d.Id] = $"Case {c.Reference}, deadline");
            c.ActionPlan.ToList().ForEach(a => where[a.Id] = $"Case {c.Reference}, action plan");
            c.Timeline.ToList().ForEach(e => where[e.Id] = $"Case {c.Reference}, {e.Kind.ToLowerInvariant()} of {Components.Shared.Clock.Date(e.OccurredAt)}" + (e.Corrected ? " (corrected)" : ""));
        }

        record.Visits.ToList().ForEach(v => where[v.Id] = $"Drop-in visit of {Components.Shared.Clock.Date(v.CheckedInAt)}");
        record.Appointments.ToList().ForEach(a => where[a.Id] = $"Appointment of {Components.Shared.Clock.Date(a.Start)}");
        record.Enquiries.ToList().ForEach(e => where[e.Id] = $"Enquiry of {Components.Shared.Clock.Date(e.ReceivedAt)}");
        record.Consents.ToList().ForEach(c => where[c.Id] = $"Consent of {Components.Shared.Clock.Date(c.GivenOn)}");
        record.Disputes.ToList().ForEach(d => where[d.Id] = $"Dispute {d.Reference}");
        (record.Complaints ?? []).ToList().ForEach(c => where[c.Id] = $"Complaint {c.Reference}");
        return where;
    }

    private async Task<SubjectAccessRequest> RequestAsync(DropInDbContext db, ClaimsPrincipal user, Guid id)
    {
        await barriers.RequireVisibleAsync(user, BarrierTarget.SubjectAccessRequest(id));
        return await db.SubjectAccessRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id) ?? throw new RuleException(NoSuchRequest);
    }

    private async Task ChangeAsync(ClaimsPrincipal user, Guid id, string action, Func<DropInDbContext, SubjectAccessRequest, StaffMember, DateTimeOffset, Task> change)
    {
        var staff = await authorizer.RequireAsync(user, Permissions.ManageSubjectAccess);
        await barriers.RequireVisibleAsync(user, BarrierTarget.SubjectAccessRequest(id));
        await changes.RunAsync(ChangedMeanwhile, async scope =>
        {
            var request = await scope.Db.SubjectAccessRequests.SingleOrDefaultAsync(r => r.Id == id) ?? throw new RuleException(NoSuchRequest);
            await change(scope.Db, request, staff, scope.Now);
            scope.Audit(user, $"subject-access.{action}", "SubjectAccessRequest", id.ToString());
            scope.Publish(new SubjectAccessChanged(id));
        });
    }

    private const string NoSuchRequest = "That subject access request does not exist.";
}
