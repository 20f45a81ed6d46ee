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
public sealed class CaseAccess(DataChanges changes, StaffAuthorizer authorizer, InformationBarriers barriers)
{
    private const string ChangedMeanwhileMessage = "Someone else changed this case at the same moment; the page shows their change. Try again.";

    private static readonly ChangeOptions ChangedMeanwhile = ChangeOptions.Report(ChangedMeanwhileMessage);

    /// <summary>
    /// For a change that stands whatever was saved meanwhile (its rule is checked again on what is there now): a
    /// conflict re-applies it instead of asking the person to try again, e.g. a renewal meeting the job that marks the
    /// same consent as prompted.
    /// </summary>
    public static readonly ChangeOptions ReappliedMeanwhile = ChangeOptions.Reapply(ChangedMeanwhileMessage);

    public async Task<(StaffMember Staff, Case Case)> RequireAsync(DropInDbContext db, ClaimsPrincipal user, Guid caseId, string permission)
    {
        var staff = await RequireAllowedAsync(user, caseId, permission);
        return (staff, await FindAsync(db.Cases.AsNoTracking(), caseId));
    }

    /// <summary>The permission and the barrier, before anything of the case is read.</summary>
    private async Task<StaffMember> RequireAllowedAsync(ClaimsPrincipal user, Guid caseId, string permission)
    {
        var staff = await authorizer.RequireAsync(user, permission);
        await barriers.RequireVisibleAsync(user, BarrierTarget.Case(caseId));
        return staff;
    }

    private static async Task<Case> FindAsync(IQueryable<Case> cases, Guid caseId) =>
        await cases.SingleOrDefaultAsync(c => c.Id == caseId) ?? throw new RuleException("That case does not exist (it may have been merged); search for the student instead.");

    /// <summary>
    /// One change to a case: checked, applied, counted as involvement with the student, saved, and announced to every
    /// open screen of the case. A save that loses a race becomes a message, never a lost or silent overwrite.
    /// </summary>
    /// <param name="onConflict">Null: a conflict is told to the person; <see cref="ReappliedMeanwhile"/>: re-applied.</param>
    public async Task<T> ChangeAsync<T>(ClaimsPrincipal user, Guid caseId, Func<CaseChange, Task<T>> change, ChangeOptions? onConflict = null)
    {
        var staff = await RequireAllowedAsync(user, caseId, Permissions.EditCases);
        return await changes.RunAsync(onConflict ?? ChangedMeanwhile, async scope =>
        {
            var found = await FindAsync(scope.Db.Cases, caseId);
            var result = await change(new CaseChange(scope.Db, staff, found, scope.Now));
            var student = await scope.Db.Students.SingleAsync(s => s.Id == found.StudentId);
            student.RecordInvolvement(scope.Now);
            scope.Audit(user, "case.change", "Case", caseId.ToString());
            scope.Publish(new CaseChanged(caseId));
            return result;
        });
    }

    public Task ChangeAsync(ClaimsPrincipal user, Guid caseId, Action<CaseChange> change, ChangeOptions? onConflict = null) =>
        ChangeAsync(user, caseId, c =>
        {
            change(c);
            return Task.FromResult(true);
        }, onConflict);
}

public sealed record CaseChange(DropInDbContext Db, StaffMember Staff, Case Case, DateTimeOffset Now);
