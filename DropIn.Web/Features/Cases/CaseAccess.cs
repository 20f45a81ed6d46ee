using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Cases;
using DropIn.Web.Data;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Cases;

/// <summary>
/// The one object-level check for a case: the permission, and that the case exists. Every case read, write, upload
/// and download goes through here, so the information barriers of disputes will need changing in one place only.
/// </summary>
public sealed class CaseAccess(StaffAuthorizer authorizer)
{
    public async Task<(StaffMember Staff, Case Case)> RequireAsync(DropInDbContext db, ClaimsPrincipal user, Guid caseId, string permission, bool tracked = false)
    {
        var staff = await authorizer.RequireAsync(user, permission);
        var query = tracked ? db.Cases : db.Cases.AsNoTracking();
        var found = await query.SingleOrDefaultAsync(c => c.Id == caseId) ?? throw new RuleException("That case does not exist (it may have been merged); search for the student instead.");
        return (staff, found);
    }
}
