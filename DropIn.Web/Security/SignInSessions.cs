using System.Security.Claims;
using DropIn.Web.Data;
using DropIn.Web.Live;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Security;

/// <summary>
/// Whether a staff sign-in still counts, checked in one place by every request's cookie and every open screen. A
/// cookie is a signed copy of the sign-in that a server cannot take back, so a sign-in that ends (sign-out, the idle
/// lock) is written down here, and one whose account changed (new password, lost-phone reset, disabled) fails on its
/// security stamp. Either way the old cookie is refused at its next request, and every open screen of that member of
/// staff re-checks at once (<see cref="SignInsEnded"/> on the live bus), so other tabs go to the sign-in page too.
/// </summary>
public sealed class SignInSessions(
    UserManager<StaffUser> users, IDbContextFactory<DropInDbContext> dbFactory, TimeProvider clock, ILiveUpdates live,
    IOptions<IdentityOptions> identity, IOptions<SecurityOptions> security)
{
    /// <summary>
    /// False when the account is gone, disabled or locked out, changed since the sign-in (security stamp), or the sign-in
    /// session was ended. A principal without a session id (older cookies) is judged on the account alone.
    /// </summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return false;
        }

        if (users.SupportsUserSecurityStamp
            && principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) != await users.GetSecurityStampAsync(user))
        {
            return false;
        }

        if (principal.FindFirstValue(StaffClaims.Session) is not { } session)
        {
            return true;
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        return !await db.Set<EndedSignIn>().AnyAsync(e => e.SessionId == session);
    }

    /// <summary>
    /// Ends this sign-in everywhere: the cookie (and every copy) is refused from now on, and its open screens go to the
    /// sign-in page. Ending one twice, e.g. from two tabs locking at once, is the same as ending it once.
    /// </summary>
    public async Task EndAsync(ClaimsPrincipal principal)
    {
        var session = principal.FindFirstValue(StaffClaims.Session);
        var staffId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (session is null || staffId is null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            if (!await db.Set<EndedSignIn>().AnyAsync(e => e.SessionId == session))
            {
                db.Add(new EndedSignIn(session, now));
                try
                {
                    await db.SaveChangesAsync();
                }
                catch (DbUpdateException)
                {
                    // Another tab (or server) ended it at the same moment: ended is ended. Anything else is a failure.
                    await using var again = await dbFactory.CreateDbContextAsync();
                    if (!await again.Set<EndedSignIn>().AnyAsync(e => e.SessionId == session))
                    {
                        throw;
                    }
                }
            }

            // A cookie lives no longer than the idle time after it was last renewed, and an ended session is never
            // renewed, so older rows refuse nothing any more.
            var expired = now - security.Value.Idle - TimeSpan.FromDays(1);
            await db.Set<EndedSignIn>().Where(e => e.EndedAt < expired).ExecuteDeleteAsync();
        }

        await live.PublishAsync(new SignInsEnded(staffId));
    }

    /// <summary>
    /// After a change that ends all of one person's sign-ins (the caller has renewed their security stamp: a new password,
    /// a lost-phone reset, a disabled account): their open screens re-check now rather than at the next interval.
    /// </summary>
    public Task EndAllAsync(string staffId) => live.PublishAsync(new SignInsEnded(staffId));
}
