using System.Security.Claims;
using DropIn.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Security;

/// <summary>
/// Staff accounts: adding a member of staff (who chooses their own password from an emailed link), and disabling one
/// (someone leaves, or a tablet is lost while signed in). Uses what Identity already stores: a lockout with no end
/// refuses sign-in, and a new security stamp makes every existing cookie and open circuit fail its next re-check.
/// </summary>
public sealed class StaffAccountService(UserManager<StaffUser> users, StaffAuthorizer authorizer, TwoFactor.TwoFactorService twoFactor, TwoFactor.StaffPasskeys passkeys, TwoFactor.PasswordReset passwords, Audit.AuditLog audit, TimeProvider clock, ILogger<StaffAccountService> logger, SignInSessions sessions)
{
    /// <summary>
    /// Adds a member of staff with <paramref name="roles"/> and emails them a link to choose their password; nobody
    /// else ever knows it. Only an administrator gives the Admin role, so a manager cannot make someone more than a
    /// manager. Two managers adding the same address at once: one account, and the other is told it exists.
    /// </summary>
    /// <returns>The new account's id.</returns>
    /// <exception cref="DropIn.Domain.RuleException">A name or address missing or malformed, no role, the Admin role from a non-administrator, or an account for that address already.</exception>
    /// <exception cref="ForbiddenException">Without <see cref="Permissions.ManageStaff"/>.</exception>
    public async Task<string> AddStaffAsync(ClaimsPrincipal manager, string displayName, string email, IReadOnlyCollection<string> roles)
    {
        var actor = await authorizer.RequireAsync(manager, Permissions.ManageStaff);
        var name = (displayName ?? "").Trim();
        var address = (email ?? "").Trim();
        if (name.Length == 0 || name.Length > StaffUser.MaxDisplayNameLength)
        {
            throw new DropIn.Domain.RuleException($"Enter their name (at most {StaffUser.MaxDisplayNameLength} characters).");
        }

        if (!System.Net.Mail.MailAddress.TryCreate(address, out var parsed) || parsed.Address != address || !address.Contains('.', StringComparison.Ordinal))
        {
            throw new DropIn.Domain.RuleException("Enter their work email address, like name@example.ac.uk.");
        }

        CheckRoles(manager, roles, []);
        var user = new StaffUser { UserName = address, Email = address, EmailConfirmed = true, DisplayName = name };
        var taken = $"There is already an account for {address}.";
        IdentityResult created;
        try
        {
            created = await users.CreateAsync(user);
        }
        catch (DbUpdateException)
        {
            // The same address added at the same moment by someone else: the unique index on the user name refused it.
            throw new DropIn.Domain.RuleException(taken);
        }

        if (!created.Succeeded)
        {
            throw new DropIn.Domain.RuleException(created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.DuplicateEmail))
                ? taken
                : string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        Check(await users.AddToRolesAsync(user, roles.Distinct()));
        await passwords.InviteAsync(user, actor.DisplayName);
        logger.LogInformation("Staff account {StaffId} added by {ActorId}", user.Id, actor.Id);
        await audit.RecordAsync(manager, "staff.add", "Staff", user.Id, detail: string.Join(", ", roles.Distinct().Order()));
        return user.Id;
    }

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

    /// <summary>
    /// Gives a member of staff exactly <paramref name="roles"/> (someone moves from reception to casework, say). Their
    /// sessions end, so the new roles apply from their next sign-in, on every device, and nothing keeps a role taken away.
    /// </summary>
    /// <exception cref="DropIn.Domain.RuleException">No role; Admin given or taken by a non-administrator; your own Manager or Admin role taken away.</exception>
    /// <exception cref="ForbiddenException">Without <see cref="Permissions.ManageStaff"/>.</exception>
    public async Task SetRolesAsync(ClaimsPrincipal manager, string staffId, IReadOnlyCollection<string> roles)
    {
        var actor = await authorizer.RequireAsync(manager, Permissions.ManageStaff);
        var user = await FindAsync(staffId);
        var current = await users.GetRolesAsync(user);
        CheckRoles(manager, roles, current);
        if (actor.Id == staffId && current.Any(r => (r is Roles.Manager or Roles.Admin) && !roles.Contains(r)))
        {
            // As with disabling: nobody takes away their own way back into this page by mistake.
            throw new DropIn.Domain.RuleException("Another manager must take away your own Manager or Admin role.");
        }

        var wanted = roles.Distinct().ToList();
        if (wanted.Order().SequenceEqual(current.Order()))
        {
            return;
        }

        Check(await users.RemoveFromRolesAsync(user, current.Except(wanted)));
        Check(await users.AddToRolesAsync(user, wanted.Except(current)));
        Check(await users.UpdateSecurityStampAsync(user));
        await sessions.EndAllAsync(user.Id);
        logger.LogInformation("Staff account {StaffId} roles changed by {ActorId}", staffId, actor.Id);
        await audit.RecordAsync(manager, "staff.roles", "Staff", staffId, detail: string.Join(", ", wanted.Order()));
    }

    // A role list is one or more known roles; the Admin role is given and taken by administrators only.
    private static void CheckRoles(ClaimsPrincipal manager, IReadOnlyCollection<string> roles, IEnumerable<string> current)
    {
        if (roles.Count == 0 || roles.Any(r => !Roles.All.Contains(r)))
        {
            throw new DropIn.Domain.RuleException("Choose at least one role.");
        }

        if (roles.Contains(Roles.Assessor) && roles.Distinct().Count() > 1)
        {
            // An assessor is from outside the service: their account must never also open what staff see.
            throw new DropIn.Domain.RuleException("An assessor's account has the Assessor role only.");
        }

        if (roles.Contains(Roles.Admin) != current.Contains(Roles.Admin) && !manager.IsInRole(Roles.Admin))
        {
            throw new DropIn.Domain.RuleException("Only an administrator can give or take away the Admin role.");
        }
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
    public static bool IsDisabled(StaffUser user, DateTimeOffset now) => user.LockoutEnd is { } end && end > now.AddYears(100);

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
