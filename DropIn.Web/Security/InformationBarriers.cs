using System.Security.Claims;
using DropIn.Domain.Cases;
using DropIn.Domain.Confidentiality;
using DropIn.Web.Data;
using DropIn.Web.Security.Audit;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Security;

/// <summary>
/// The object-level check behind every read of a student's data: whether a dispute walls this member of staff off
/// from the student. The checks of one record, and of a rule that acts (Call next), read the database on every call, so
/// a change takes effect on the next one; a screen listing many people takes its lens from the disputes read once per
/// change and shared (<see cref="DisputeParties"/>), which a change makes stale before any screen hears of it.
/// </summary>
public sealed class InformationBarriers(IDbContextFactory<DropInDbContext> dbFactory, TimeProvider clock, AuditLog audit, DisputeParties disputes)
{
    /// <summary>Says that something is hidden without saying what: the words every screen uses.</summary>
    public const string Message = "An information barrier applies: you cannot see this record. A manager can tell you who can help.";

    public const string HiddenText = "Hidden: an information barrier applies";

    public async Task<IReadOnlySet<Guid>> BlockedAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var staffId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return staffId is null ? new HashSet<Guid>() : await BlockedAsync(staffId, ct);
    }

    public async Task<IReadOnlySet<Guid>> BlockedAsync(string staffId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await BlockedAsync(db, staffId, ct);
    }

    /// <summary>
    /// The user's view through the barriers for a screen listing many people (see <see cref="BarrierLens"/>), from the
    /// disputes as read after the last change heard (<see cref="DisputeParties"/>): no database read per screen.
    /// </summary>
    public async Task<BarrierLens> LensAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var staffId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return staffId is null ? BarrierLens.None : (await disputes.GetAsync(ct)).LensFor(staffId, clock.GetUtcNow());
    }

    /// <summary>The view of <paramref name="staffId"/> through the barriers, read from the database now: for a rule that acts on what it lets through (Call next).</summary>
    public async Task<BarrierLens> LensNowAsync(string staffId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var active = await db.Disputes.AsNoTracking().Where(d => d.EndedAt == null).ToListAsync(ct);
        if (active.Count == 0)
        {
            return BarrierLens.None;
        }

        var partyIds = active.SelectMany(d => d.Parties.Select(p => p.StudentId)).Distinct().ToList();
        var parties = await db.Students.AsNoTracking().Where(s => partyIds.Contains(s.Id) || (s.MergedIntoId != null && partyIds.Contains(s.MergedIntoId.Value))).ToListAsync(ct);
        return new BarrierLens(await BlockedAsync(db, staffId, ct), parties);
    }

    /// <summary>
    /// The one check for a service method that takes an id (or registers or books someone): refuses, and records the
    /// attempt in the audit trail, when a barrier keeps the user from the student the target concerns. Call it after
    /// the permission check and before reading or changing anything. A ticket, appointment or enquiry not yet linked to
    /// a student is refused when who it is from resembles a student the user is walled off from (same email or ID,
    /// same or sound-alike name), as the screens hide it. A target that does not exist passes: the service says so.
    /// </summary>
    /// <exception cref="ForbiddenException">With <see cref="ForbiddenException.Barrier"/> and <see cref="Message"/>.</exception>
    public async Task RequireVisibleAsync(ClaimsPrincipal user, BarrierTarget target, CancellationToken ct = default)
    {
        if (await HidesAsync(user, target, ct))
        {
            await RefuseAsync(user, target.RecordType, target.Id?.ToString(), Message);
        }
    }

    /// <summary>Refuses with a barrier's <paramref name="message"/> and records the attempt: for rules of the barrier itself, e.g. a manager on a side changing the dispute.</summary>
    /// <exception cref="ForbiddenException">Always.</exception>
    public async Task RefuseAsync(ClaimsPrincipal user, string recordType, string? recordId, string message)
    {
        await audit.RecordAsync(user, "barrier", recordType, recordId, AuditOutcome.Refused, ForbiddenException.Barrier);
        throw new ForbiddenException(ForbiddenException.Barrier, message);
    }

    /// <summary>Whether a barrier keeps the user from what <paramref name="target"/> concerns; nothing is recorded.</summary>
    public async Task<bool> HidesAsync(ClaimsPrincipal user, BarrierTarget target, CancellationToken ct = default)
    {
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } staffId)
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var blocked = await BlockedAsync(db, staffId, ct);
        if (blocked.Count == 0)
        {
            // On no side of any dispute, as almost everyone is: one small query.
            return false;
        }

        var who = await WhoAsync(db, target, ct);
        if (who?.StudentId is { } linked)
        {
            return blocked.Contains(linked);
        }

        if (who?.Someone is not { } someone)
        {
            return false;
        }

        var ids = blocked.ToList();
        var walledFrom = await db.Students.AsNoTracking().Where(s => ids.Contains(s.Id) || (s.MergedIntoId != null && ids.Contains(s.MergedIntoId.Value))).ToListAsync(ct);
        return new BarrierLens(blocked, walledFrom).HidesSomeone(someone);
    }

    /// <summary>
    /// The parties on other sides of the user's active disputes, and the records they were merged into: a party's
    /// duplicate folded into another record must not become a way round the barrier.
    /// </summary>
    private async Task<IReadOnlySet<Guid>> BlockedAsync(DropInDbContext db, string staffId, CancellationToken ct)
    {
        var walled = await db.Disputes.AsNoTracking()
            .Where(d => d.EndedAt == null && d.Assignments.Any(a => a.StaffId == staffId && a.Until == null))
            .ToListAsync(ct);
        var blocked = InformationBarrier.BlockedStudents(walled, staffId, clock.GetUtcNow()).ToHashSet();
        if (blocked.Count > 0)
        {
            var ids = blocked.ToList();
            blocked.UnionWith(await db.Students.AsNoTracking().Where(s => s.MergedIntoId != null && ids.Contains(s.Id)).Select(s => s.MergedIntoId!.Value).ToListAsync(ct));
        }

        return blocked;
    }

    /// <summary>The student a target concerns, or (for a row not yet linked, or someone not on record) who it says it is.</summary>
    private static async Task<Who?> WhoAsync(DropInDbContext db, BarrierTarget target, CancellationToken ct)
    {
        var id = target.Id ?? Guid.Empty;
        return target.Kind switch
        {
            // A record merged into another is the student of the record kept.
            BarrierTargetKind.Student => await LinkedAsync(db.Students.Where(s => s.Id == id).Select(s => s.MergedIntoId ?? s.Id), ct),
            BarrierTargetKind.Case => await LinkedAsync(db.Cases.Where(c => c.Id == id).Select(c => c.StudentId), ct),
            BarrierTargetKind.Document => await LinkedAsync(
                from d in db.CaseDocuments where d.Id == id join c in db.Cases on d.CaseId equals c.Id select c.StudentId, ct),
            BarrierTargetKind.SubjectAccessRequest => await LinkedAsync(db.SubjectAccessRequests.Where(r => r.Id == id).Select(r => r.StudentId), ct),
            BarrierTargetKind.ConductLetter => await LinkedAsync(db.ConductWarnings.Where(w => w.Id == id).Select(w => w.StudentId), ct)
                ?? await LinkedAsync(db.Withdrawals.Where(w => w.Id == id).Select(w => w.StudentId), ct),
            BarrierTargetKind.Withdrawal => await LinkedAsync(db.Withdrawals.Where(w => w.Id == id).Select(w => w.StudentId), ct),
            BarrierTargetKind.RetentionHold => await LinkedAsync(db.Set<Domain.Retention.RetentionHold>().Where(h => h.Id == id).Select(h => h.StudentId), ct),
            BarrierTargetKind.Ticket => await db.Tickets.AsNoTracking().Where(t => t.Id == id).Select(t => new { t.StudentId, t.Name, Contact = t.EmailOrId }).SingleOrDefaultAsync(ct) is { } t
                ? Row(t.StudentId, t.Name, t.Contact) : null,
            BarrierTargetKind.Appointment => await db.Appointments.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.StudentId, a.StudentName, a.StudentEmail }).SingleOrDefaultAsync(ct) is { } a
                ? Row(a.StudentId, a.StudentName, a.StudentEmail) : null,
            BarrierTargetKind.Enquiry => await db.Enquiries.AsNoTracking().Where(e => e.Id == id).Select(e => new { e.StudentId, e.FromName, e.Contact }).SingleOrDefaultAsync(ct) is { } e
                ? Row(e.StudentId, e.FromName, e.Contact) : null,
            BarrierTargetKind.Person => new Who(null, target.Person),
            _ => throw new ArgumentOutOfRangeException(nameof(target), target.Kind, "Unknown kind of barrier target."),
        };

        static Who Row(Guid? studentId, string name, string? contact) => new(studentId, studentId is null ? BarrierLens.Probe(name, contact) : null);

        static async Task<Who?> LinkedAsync(IQueryable<Guid> studentIds, CancellationToken ct) =>
            await studentIds.Select(s => (Guid?)s).FirstOrDefaultAsync(ct) is { } s ? new Who(s, null) : null;
    }

    private sealed record Who(Guid? StudentId, StudentProfile? Someone);
}
