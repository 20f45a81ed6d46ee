using System.Security.Claims;
using DropIn.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Security;

/// <summary>
/// Disabling a member of staff (someone leaves, or a tablet is lost while signed in). Uses what Identity already
/// stores: a lockout with no end refuses sign-in, and a new security stamp makes every existing cookie and open
/// circuit fail its next re-check.
/// </summary>
public sealed class StaffAccountService(UserManager<StaffUser> users, StaffAuthorizer authorizer, TwoFactor.TwoFactorService twoFactor, TwoFactor.StaffPasskeys passkeys, Audit.AuditLog audit, TimeProvider clock, ILogger<StaffAccountService> logger, SignInSessions sessions)
{
    public async Task<IReadOnlyList<StaffAccount>> ListAsync(ClaimsPrincipal manager)
    {
        await authorizer.RequireAsync(manager, Permissions.ManageStaff);
        var now = clock.GetUtcNow();
        var staff = await users.Users.AsNoTracking().OrderBy(u => u.DisplayName).ToListAsync();
        var accounts = new List<StaffAccount>(staff.Count);
        foreach (var user in staff)
        {
            var roles = await users.GetRolesAsync(user);
            accounts.Add(new StaffAccount(user.Id, user.DisplayName, user.Email ?? "", [.. roles.Order()], IsDisabled(user, now), user.TwoFactorEnabled));
        }

        return accounts;
    }

    public async Task DisableStaffAsync(ClaimsPrincipal manager, string staffId)
    {
        var actor = await authorizer.RequireAsync(manager, Permissions.ManageStaff);
        if (actor.Id == staffId)
        {
            // Nobody can lock themselves out by mistake and leave the service without a manager.
            throw new DropIn.Domain.RuleException("You cannot disable your own account.");
        }

        var user = await FindAsync(staffId);
        Check(await users.SetLockoutEnabledAsync(user, true));
        Check(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
        Check(await users.UpdateSecurityStampAsync(user));
        await sessions.EndAllAsync(user.Id);
        logger.LogInformation("Staff account {StaffId} disabled by {ActorId}", staffId, actor.Id);
        await audit.RecordAsync(manager, "staff.disable", "Staff", staffId);
    }

    public async Task EnableStaffAsync(ClaimsPrincipal manager, string staffId)
    {
        var actor = await authorizer.RequireAsync(manager, Permissions.ManageStaff);
        var user = await FindAsync(staffId);
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
        logger.LogInformation("Staff account {StaffId} enabled by {ActorId}", staffId, actor.Id);
        await audit.RecordAsync(manager, "staff.enable", "Staff", staffId);
    }

    /// <summary>
    /// A lost or replaced phone. The person then signs in with their password and sets up the new phone straight
    /// away; their open sessions end now. Nobody resets their own: that would let a stolen password remove the factor.
    /// Their passkeys go too: one may be on the lost device, and a passkey signs in on its own.
    /// </summary>
    public async Task ResetTwoFactorAsync(ClaimsPrincipal manager, string staffId)
    {
        var actor = await authorizer.RequireAsync(manager, Permissions.ManageStaff);
        if (actor.Id == staffId)
        {
            throw new DropIn.Domain.RuleException("Another manager must reset your own two-step sign-in.");
        }

        var user = await FindAsync(staffId);
        await passkeys.RemoveAllAsync(user);
        await twoFactor.ResetAsync(user);
        await audit.RecordAsync(manager, "staff.reset-two-factor", "Staff", staffId);
    }

    // A lockout past the year 9000 is a disable; a short one is the failed-attempts lockout, which ends by itself.
    private static bool IsDisabled(StaffUser user, DateTimeOffset now) => user.LockoutEnd is { } end && end > now.AddYears(100);

    private async Task<StaffUser> FindAsync(string staffId) =>
        await users.FindByIdAsync(staffId) ?? throw new InvalidOperationException("No such member of staff.");

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}

public sealed record StaffAccount(string Id, string DisplayName, string Email, IReadOnlyList<string> Roles, bool IsDisabled, bool TwoFactorOn);
