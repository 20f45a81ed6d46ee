using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Data;

public static class StaffDirectory
{
    /// <summary>Ids of the staff who hold any of the given roles.</summary>
    public static async Task<List<string>> IdsInRolesAsync(this DropInDbContext db, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        var roleIds = await db.Roles.Where(r => roles.Contains(r.Name!)).Select(r => r.Id).ToListAsync(ct);
        return await db.UserRoles.Where(ur => roleIds.Contains(ur.RoleId)).Select(ur => ur.UserId).Distinct().ToListAsync(ct);
    }
}
