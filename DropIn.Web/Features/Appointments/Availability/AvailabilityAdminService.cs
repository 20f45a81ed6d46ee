using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Appointments;
using DropIn.Domain.Calendar;
using DropIn.Web.Data;
using DropIn.Web.Live;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Appointments.Availability;

/// <summary>Managers set who takes appointments and when: weekly windows, leave, the drop-in rota and closure days.</summary>
public sealed class AvailabilityAdminService(IDbContextFactory<DropInDbContext> dbFactory, DataChanges changes, StaffAuthorizer authorizer, TimeProvider clock, Enquiries.EnquiryService enquiries,
    Complaints.ComplaintService complaints)
{
    private static readonly ChangeOptions ChangedMeanwhile =
        ChangeOptions.Report("Someone else changed this availability at the same moment; the page shows their change. Try again.");

    /// <summary>
    /// A closure change and the enquiry deadlines that depend on it, in one transaction under the closures lock: two
    /// managers at once each see the other's day, and no deadline is left computed without one. An enquiry changed
    /// meanwhile (acknowledged, say) makes the save conflict: read again and recompute.
    /// </summary>
    private static readonly ChangeOptions ClosuresChange =
        ChangeOptions.Reapply("Enquiries or complaints were changing while the closure was saved, and it could not be saved. Try again.") with { Lock = RuleLocks.Closures, MaxAttempts = 3 };

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

    /// <summary>Adds a weekly window, London time. Windows of one caseworker never overlap on a day.</summary>
    /// <exception cref="RuleException">It overlaps a window already set (also one added at the same moment by someone else).</exception>
    public Task AddWindowAsync(ClaimsPrincipal user, string staffId, DayOfWeek day, TimeOnly start, TimeOnly end)
    {
        var window = new CaseworkerWindow(staffId, day, start, end);
        return ChangeStaffAsync(user, staffId, async db =>
        {
            if (await db.CaseworkerWindows.Where(w => w.StaffId == staffId && w.Day == day && w.Start < end && start < w.End).FirstOrDefaultAsync() is { } clash)
            {
                throw new RuleException($"That overlaps the {clash.Day} window {clash.Start:HH:mm}–{clash.End:HH:mm} already set.");
            }

            db.CaseworkerWindows.Add(window);
        });
    }

    public Task RemoveWindowAsync(ClaimsPrincipal user, Guid id) => ChangeAsync(user, db => db.CaseworkerWindows.Where(w => w.Id == id).ExecuteDeleteAsync());

    /// <summary>Adds leave, whole days inclusive. Leave periods of one caseworker never overlap, so removing one never leaves days covered twice.</summary>
    /// <exception cref="RuleException">It overlaps leave already set (also leave added at the same moment by someone else).</exception>
    public Task AddLeaveAsync(ClaimsPrincipal user, string staffId, DateOnly from, DateOnly to)
    {
        var leave = new CaseworkerLeave(staffId, from, to);
        return ChangeStaffAsync(user, staffId, async db =>
        {
            if (await db.CaseworkerLeave.Where(l => l.StaffId == staffId && l.From <= to && from <= l.To).FirstOrDefaultAsync() is { } clash)
            {
                throw new RuleException($"That overlaps leave already set from {clash.From:d MMM yyyy} to {clash.To:d MMM yyyy}.");
            }

            db.CaseworkerLeave.Add(leave);
        });
    }

    public Task RemoveLeaveAsync(ClaimsPrincipal user, Guid id) => ChangeAsync(user, db => db.CaseworkerLeave.Where(l => l.Id == id).ExecuteDeleteAsync());

    /// <summary>Adds a closure day and recomputes open enquiries' deadlines in the same transaction.</summary>
    /// <exception cref="RuleException">No reason, or the day is already a closure.</exception>
    public Task AddClosureAsync(ClaimsPrincipal user, DateOnly date, string reason)
    {
        reason = reason?.Trim() ?? "";
        if (reason.Length is 0 or > 100)
        {
            throw new RuleException("Give the closure a reason of up to 100 characters, e.g. \"Christmas closure\".");
        }

        return ChangeClosuresAsync(user, async db =>
        {
            if (await db.ClosureDays.AnyAsync(c => c.Date == date))
            {
                throw new RuleException("That day is already a closure.");
            }

            db.ClosureDays.Add(new ClosureDay(date, reason));
        });
    }

    public Task RemoveClosureAsync(ClaimsPrincipal user, DateOnly date) => ChangeClosuresAsync(user, async db =>
        db.ClosureDays.RemoveRange(await db.ClosureDays.Where(c => c.Date == date).ToListAsync()));

    private async Task ChangeAsync(ClaimsPrincipal user, Func<DropInDbContext, Task> change)
    {
        await authorizer.RequireAsync(user, Permissions.ManageAvailability);
        await changes.RunAsync(ChangedMeanwhile, async scope =>
        {
            await change(scope.Db);
            scope.Publish(new AvailabilityChanged());
        });
    }

    /// <summary>Checks and writes one caseworker's availability under their lock, so two managers at once cannot both add overlapping times.</summary>
    private async Task ChangeStaffAsync(ClaimsPrincipal user, string staffId, Func<DropInDbContext, Task> change)
    {
        await authorizer.RequireAsync(user, Permissions.ManageAvailability);
        await changes.RunAsync(ChangedMeanwhile with { Lock = RuleLocks.Availability(staffId) }, async scope =>
        {
            await change(scope.Db);
            scope.Publish(new AvailabilityChanged());
        });
    }

    private async Task ChangeClosuresAsync(ClaimsPrincipal user, Func<DropInDbContext, Task> change)
    {
        await authorizer.RequireAsync(user, Permissions.ManageAvailability);
        await changes.RunAsync(ClosuresChange, async scope =>
        {
            await change(scope.Db);
            scope.Publish(new AvailabilityChanged());
            // Saved first, so that the working calendar the deadlines are computed from includes this change.
            await scope.Db.SaveChangesAsync();
            foreach (var id in await enquiries.RecomputeOpenDeadlinesAsync(scope.Db))
            {
                scope.Publish(new EnquiryChanged(id));
            }

            foreach (var id in await complaints.RecomputeOpenDeadlinesAsync(scope.Db))
            {
                scope.Publish(new ComplaintChanged(id));
            }
        });
    }
}

public sealed record AvailabilityView(IReadOnlyList<CaseworkerAvailability> Caseworkers, IReadOnlyList<ClosureDay> Closures);

public sealed record CaseworkerAvailability(string Id, string Name, bool TakesAppointments, bool StaffsDropIn, IReadOnlyList<CaseworkerWindow> Windows, IReadOnlyList<CaseworkerLeave> Leave);
