using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Appointments;
using DropIn.Domain.Calendar;
using DropIn.Web.Data;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Availability;

/// <summary>Managers set who takes appointments and when: weekly windows, leave, the drop-in rota and closure days.</summary>
public sealed class AvailabilityAdminService(IDbContextFactory<DropInDbContext> dbFactory, StaffAuthorizer authorizer, TimeProvider clock, Enquiries.EnquiryService enquiries)
{
    public async Task<AvailabilityView> GetAsync(ClaimsPrincipal user)
    {
        await authorizer.RequireAsync(user, Permissions.ManageAvailability);
        await using var db = await dbFactory.CreateDbContextAsync();
        var today = LondonTime.Today(clock.GetUtcNow());
        var staffIds = await db.IdsInRolesAsync([Roles.Caseworker, Roles.Manager]);
        var staff = await db.Users.AsNoTracking().Where(u => staffIds.Contains(u.Id)).OrderBy(u => u.DisplayName).ToListAsync();
        var windows = await db.CaseworkerWindows.AsNoTracking().ToListAsync();
        var leave = await db.CaseworkerLeave.AsNoTracking().Where(l => l.To >= today).OrderBy(l => l.From).ToListAsync();
        var closures = await db.ClosureDays.AsNoTracking().Where(c => c.Date >= today).OrderBy(c => c.Date).ToListAsync();
        return new AvailabilityView(
            [.. staff.Select(s => new CaseworkerAvailability(s.Id, s.DisplayName, s.TakesAppointments, s.StaffsDropIn,
                [.. windows.Where(w => w.StaffId == s.Id).OrderBy(w => (((int)w.Day) + 6) % 7).ThenBy(w => w.Start)],
                [.. leave.Where(l => l.StaffId == s.Id)]))],
            closures);
    }

    public Task SetFlagsAsync(ClaimsPrincipal user, string staffId, bool takesAppointments, bool staffsDropIn) => ChangeAsync(user, db =>
        db.Users.Where(u => u.Id == staffId).ExecuteUpdateAsync(u => u.SetProperty(x => x.TakesAppointments, takesAppointments).SetProperty(x => x.StaffsDropIn, staffsDropIn)));

    public Task AddWindowAsync(ClaimsPrincipal user, string staffId, DayOfWeek day, TimeOnly start, TimeOnly end) => ChangeAsync(user, async db =>
    {
        var window = new CaseworkerWindow(staffId, day, start, end);
        if (await db.CaseworkerWindows.AnyAsync(w => w.StaffId == staffId && w.Day == day && w.Start < end && start < w.End))
        {
            throw new RuleException("That overlaps a window already set for that day.");
        }

        db.CaseworkerWindows.Add(window);
        await db.SaveChangesAsync();
    });

    public Task RemoveWindowAsync(ClaimsPrincipal user, Guid id) => ChangeAsync(user, db => db.CaseworkerWindows.Where(w => w.Id == id).ExecuteDeleteAsync());

    public Task AddLeaveAsync(ClaimsPrincipal user, string staffId, DateOnly from, DateOnly to) => ChangeAsync(user, async db =>
    {
        db.CaseworkerLeave.Add(new CaseworkerLeave(staffId, from, to));
        await db.SaveChangesAsync();
    });

    public Task RemoveLeaveAsync(ClaimsPrincipal user, Guid id) => ChangeAsync(user, db => db.CaseworkerLeave.Where(l => l.Id == id).ExecuteDeleteAsync());

    public Task AddClosureAsync(ClaimsPrincipal user, DateOnly date, string reason) => ChangeAsync(user, async db =>
    {
        reason = reason?.Trim() ?? "";
        if (reason.Length is 0 or > 100)
        {
            throw new RuleException("Give the closure a reason of up to 100 characters, e.g. \"Christmas closure\".");
        }

        if (await db.ClosureDays.AnyAsync(c => c.Date == date))
        {
            throw new RuleException("That day is already a closure.");
        }

        db.ClosureDays.Add(new ClosureDay(date, reason));
        await db.SaveChangesAsync();
        await enquiries.RecomputeOpenDeadlinesAsync();
    });

    public Task RemoveClosureAsync(ClaimsPrincipal user, DateOnly date) => ChangeAsync(user, async db =>
    {
        await db.ClosureDays.Where(c => c.Date == date).ExecuteDeleteAsync();
        await enquiries.RecomputeOpenDeadlinesAsync();
    });

    private async Task ChangeAsync(ClaimsPrincipal user, Func<DropInDbContext, Task> change)
    {
        await authorizer.RequireAsync(user, Permissions.ManageAvailability);
        await using var db = await dbFactory.CreateDbContextAsync();
        await change(db);
    }
}

public sealed record AvailabilityView(IReadOnlyList<CaseworkerAvailability> Caseworkers, IReadOnlyList<ClosureDay> Closures);

public sealed record CaseworkerAvailability(string Id, string Name, bool TakesAppointments, bool StaffsDropIn, IReadOnlyList<CaseworkerWindow> Windows, IReadOnlyList<CaseworkerLeave> Leave);
