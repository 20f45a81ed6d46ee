using System.Security.Claims;
using DropIn.Domain.Confidentiality;
using DropIn.Web.Data;
using DropIn.Web.Security.Audit;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Security;

/// <summary>
/// The object-level check behind every read of a student's data: whether a dispute walls this member of staff off
/// from the student. Read fresh on every call (active disputes are few), so a change takes effect on the next read.
/// </summary>
public sealed class InformationBarriers(IDbContextFactory<DropInDbContext> dbFactory, TimeProvider clock, AuditLog audit)
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
        var now = clock.GetUtcNow();
        var walled = await db.Disputes.AsNoTracking()
            .Where(d => d.EndedAt == null && d.Assignments.Any(a => a.StaffId == staffId && a.Until == null))
            .ToListAsync(ct);
        return InformationBarrier.BlockedStudents(walled, staffId, now);
    }

    /// <summary>The user's view through the barriers for a list of many people (see <see cref="BarrierLens"/>).</summary>
    public async Task<BarrierLens> LensAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var staffId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return staffId is null ? BarrierLens.None : await LensAsync(staffId, ct);
    }

    public async Task<BarrierLens> LensAsync(string staffId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var active = await db.Disputes.AsNoTracking().Where(d => d.EndedAt == null).ToListAsync(ct);
        if (active.Count == 0)
        {
            return BarrierLens.None;
        }

        var partyIds = active.SelectMany(d => d.Parties.Select(p => p.StudentId)).Distinct().ToList();
        var parties = await db.Students.AsNoTracking().Where(s => partyIds.Contains(s.Id)).ToListAsync(ct);
        return new BarrierLens(InformationBarrier.BlockedStudents(active, staffId, clock.GetUtcNow()), parties);
    }

    /// <summary>Refuses, and records the attempt, when a barrier keeps the user from this student.</summary>
    public async Task RequireVisibleAsync(ClaimsPrincipal user, Guid studentId, string recordType, string recordId)
    {
        if ((await BlockedAsync(user)).Contains(studentId))
        {
            await audit.RecordAsync(user, "barrier", recordType, recordId, AuditOutcome.Refused, ForbiddenException.Barrier);
            throw new ForbiddenException(ForbiddenException.Barrier, Message);
        }
    }
}
