using System.Security.Claims;
using DropIn.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Enquiries;

/// <summary>A member of staff's own in-app notifications. Each user sees only theirs.</summary>
public sealed class NotificationService(IDbContextFactory<DropInDbContext> dbFactory, TimeProvider clock)
{
    public async Task<IReadOnlyList<StaffNotification>> RecentAsync(ClaimsPrincipal user, int count = 10)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Notifications.AsNoTracking().Where(n => n.StaffId == id).OrderByDescending(n => n.CreatedAt).Take(count).ToListAsync();
    }

    public async Task MarkAllReadAsync(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        await using var db = await dbFactory.CreateDbContextAsync();
        var unread = await db.Notifications.Where(n => n.StaffId == id && n.ReadAt == null).ToListAsync();
        unread.ForEach(n => n.MarkRead(clock.GetUtcNow()));
        await db.SaveChangesAsync();
    }
}
