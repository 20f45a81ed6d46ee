using System.Security.Claims;
using DropIn.Domain.Notifications;
using DropIn.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Notifications;

/// <summary>A member of staff's own in-app notifications. Each user sees only theirs.</summary>
public sealed class NotificationService(IDbContextFactory<DropInDbContext> dbFactory, DataChanges changes)
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

    /// <summary>Marks read the user's own notifications among <paramref name="shown"/>: those the user was shown, not any that arrived since.</summary>
    public async Task MarkReadAsync(ClaimsPrincipal user, IReadOnlyCollection<Guid> shown)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        await changes.RunAsync(ChangeOptions.Reapply("Your notifications could not be marked read just now; they will be next time."), async scope =>
        {
            var unread = await scope.Db.Notifications.Where(n => n.StaffId == id && n.ReadAt == null && shown.Contains(n.Id)).ToListAsync();
            unread.ForEach(n => n.MarkRead(scope.Now));
        });
    }
}
