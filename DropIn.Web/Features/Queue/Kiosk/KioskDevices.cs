using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Queue;
using DropIn.Web.Data;
using DropIn.Web.Features.Appointments;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Queue.Kiosk;

/// <summary>
/// The reception tablets students check themselves in on. Managers add, re-enrol and revoke them
/// (<see cref="Permissions.ManageKiosks"/>, checked here before anything is read); a tablet enrols itself with the
/// code a manager was shown, and from then on is known only by its token.
/// </summary>
public sealed class KioskDevices(IDbContextFactory<DropInDbContext> dbFactory, DataChanges changes, StaffAuthorizer authorizer, TimeProvider clock)
{
    private static readonly ChangeOptions ChangedMeanwhile =
        ChangeOptions.Report("Someone else changed this kiosk at the same moment; the page shows it as it is now.");

    /// <summary>Every kiosk, newest first, revoked ones included (so a manager can see what was stopped and when).</summary>
    public async Task<IReadOnlyList<KioskView>> ListAsync(ClaimsPrincipal user)
    {
        await authorizer.RequireAsync(user, Permissions.ManageKiosks);
        await using var db = await dbFactory.CreateDbContextAsync();
        var devices = await db.KioskDevices.AsNoTracking().OrderByDescending(d => d.AddedAt).ToListAsync();
        var now = clock.GetUtcNow();
        return [.. devices.Select(d => new KioskView(d.Id, d.Name, d.AddedAt, d.EnrolledAt, d.LastCheckInAt, d.RevokedAt,
            d.EnrolmentCodeExpiresAt is { } expires && expires > now ? expires : null))];
    }

    /// <summary>Adds a kiosk and returns its enrolment code, shown once (only its hash is kept).</summary>
    /// <exception cref="RuleException">The name is missing, too long, or another kiosk in use has it.</exception>
    public async Task<string> AddAsync(ClaimsPrincipal user, string name)
    {
        var manager = await authorizer.RequireAsync(user, Permissions.ManageKiosks);
        var (code, hash) = EnrolmentCode.Create();
        // Serialised: two managers adding the same name at the same moment get one kiosk and one "already in use".
        await changes.RunAsync(ChangedMeanwhile with { Serialised = true }, async scope =>
        {
            var device = KioskDevice.Add(name, hash, manager.Id, scope.Now, await scope.Db.KioskDevices.Where(k => k.RevokedAt == null).ToListAsync());
            scope.Db.KioskDevices.Add(device);
            scope.Audit(user, "kiosk.add", "Kiosk", device.Id.ToString());
        });
        return code;
    }

    /// <summary>A new enrolment code for a kiosk (its tablet was reset, or a new tablet replaces it); the old token stops once it is used.</summary>
    /// <exception cref="RuleException">No such kiosk, or it has been revoked.</exception>
    public async Task<string> NewEnrolmentCodeAsync(ClaimsPrincipal user, Guid id)
    {
        await authorizer.RequireAsync(user, Permissions.ManageKiosks);
        var (code, hash) = EnrolmentCode.Create();
        await ChangeAsync(user, id, "kiosk.new-code", (device, now) => device.NewEnrolmentCode(hash, now));
        return code;
    }

    /// <summary>Stops a kiosk at once: its tablet's next request finds it no longer enrolled. Revoking twice is the same as once.</summary>
    /// <exception cref="RuleException">No such kiosk.</exception>
    public async Task RevokeAsync(ClaimsPrincipal user, Guid id)
    {
        var manager = await authorizer.RequireAsync(user, Permissions.ManageKiosks);
        await ChangeAsync(user, id, "kiosk.revoke", (device, now) => device.Revoke(manager.Id, now));
    }

    /// <summary>
    /// The tablet types its code; returns the token it keeps from now on (in <see cref="KioskCookie"/>). Anyone may
    /// call this (the tablet has no sign-in): the code is the key, and the page is rate-limited.
    /// </summary>
    /// <exception cref="RuleException"><see cref="KioskDevice.WrongCodeText"/>, the same for every code that does not work.</exception>
    public async Task<string> EnrolAsync(string code)
    {
        var codeHash = EnrolmentCode.Hash(code);
        var (token, tokenHash) = ManageToken.Create();
        await changes.RunAsync(ChangeOptions.Report(KioskDevice.WrongCodeText), async scope =>
        {
            var device = await scope.Db.KioskDevices.SingleOrDefaultAsync(d => d.EnrolmentCodeHash == codeHash)
                ?? throw new RuleException(KioskDevice.WrongCodeText);
            device.Enrol(codeHash, tokenHash, scope.Now);
            scope.Audit(null, "kiosk.enrol", "Kiosk", device.Id.ToString());
        });
        return token;
    }

    /// <summary>Whether a tablet holding this token may check students in now (enrolled and not revoked).</summary>
    public async Task<bool> IsEnrolledAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await FindAsync(db, token, ct) is not null;
    }

    /// <summary>The enrolled, unrevoked kiosk holding this token, tracked in <paramref name="db"/>; null otherwise.</summary>
    internal static async Task<KioskDevice?> FindAsync(DropInDbContext db, string token, CancellationToken ct = default)
    {
        var hash = ManageToken.Hash(token);
        var device = await db.KioskDevices.SingleOrDefaultAsync(d => d.TokenHash == hash, ct);
        return device is not null && device.Accepts(hash) ? device : null;
    }

    private Task ChangeAsync(ClaimsPrincipal user, Guid id, string action, Action<KioskDevice, DateTimeOffset> change) =>
        changes.RunAsync(ChangedMeanwhile, async scope =>
        {
            var device = await scope.Db.KioskDevices.SingleOrDefaultAsync(d => d.Id == id)
                ?? throw new RuleException("That kiosk is not on the list any more. Reload the page.");
            change(device, scope.Now);
            scope.Audit(user, action, "Kiosk", id.ToString());
        });
}

/// <summary>A kiosk as managers see it; times UTC.</summary>
/// <param name="CodeExpiresAt">When the enrolment code now waiting to be typed stops working; null when none is waiting.</param>
public sealed record KioskView(Guid Id, string Name, DateTimeOffset AddedAt, DateTimeOffset? EnrolledAt, DateTimeOffset? LastCheckInAt, DateTimeOffset? RevokedAt, DateTimeOffset? CodeExpiresAt);
