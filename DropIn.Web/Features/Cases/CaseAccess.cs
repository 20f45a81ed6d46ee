using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Cases;
using DropIn.Web.Data;
using DropIn.Web.Live;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Cases;

/// <summary>
/// The one object-level check for a case: the permission, that the case exists, and that no information barrier
/// walls the user off from its student. Every case read, write, upload and download goes through here.
/// </summary>
public sealed class CaseAccess(IDbContextFactory<DropInDbContext> dbFactory, StaffAuthorizer authorizer, InformationBarriers barriers, ILiveUpdates live, TimeProvider clock, Security.Audit.AuditLog audit)
{
    public async Task<(StaffMember Staff, Case Case)> RequireAsync(DropInDbContext db, ClaimsPrincipal user, Guid caseId, string permission, bool tracked = false)
    {
        var staff = await authorizer.RequireAsync(user, permission);
        await barriers.RequireVisibleAsync(user, BarrierTarget.Case(caseId));
        var query = tracked ? db.Cases : db.Cases.AsNoTracking();
        var found = await query.SingleOrDefaultAsync(c => c.Id == caseId) ?? throw new RuleException("That case does not exist (it may have been merged); search for the student instead.");
        return (staff, found);
    }

    /// <summary>
    /// One change to a case: checked, applied, counted as involvement with the student, saved, and announced to every
    /// open screen of the case. A save that loses a race becomes a message, never a lost or silent overwrite.
    /// </summary>
    public async Task<T> ChangeAsync<T>(ClaimsPrincipal user, Guid caseId, Func<CaseChange, Task<T>> change)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var (staff, found) = await RequireAsync(db, user, caseId, Permissions.EditCases, tracked: true);
        var now = clock.GetUtcNow();
        var result = await change(new CaseChange(db, staff, found, now));
        var student = await db.Students.SingleAsync(s => s.Id == found.StudentId);
        student.RecordInvolvement(now);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RuleException("Someone else changed this case at the same moment; the page shows their change. Try again.");
        }

        await audit.RecordAsync(user, "case.change", "Case", caseId.ToString());
        await live.PublishAsync(new CaseChanged(caseId));
        return result;
    }

    public Task ChangeAsync(ClaimsPrincipal user, Guid caseId, Action<CaseChange> change) =>
        ChangeAsync(user, caseId, c =>
        {
            change(c);
            return Task.FromResult(true);
        });
}

public sealed record CaseChange(DropInDbContext Db, StaffMember Staff, Case Case, DateTimeOffset Now);
