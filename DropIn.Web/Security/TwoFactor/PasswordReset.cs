using DropIn.Web.Data;
using DropIn.Web.Messaging;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Security.TwoFactor;

/// <summary>
/// "Forgot your password?" for staff: a single-use link by email, valid for an hour. A new password is only a new
/// password: the second factor stays on and is asked for at the next sign-in, so a stolen mailbox alone gets nobody in.
/// </summary>
public sealed class PasswordReset(UserManager<StaffUser> users, DropInDbContext db, IOptions<MailOptions> mail, TimeProvider clock, Audit.AuditLog audit, SignInSessions sessions)
{
    public const string ResetPath = "/account/reset-password";

    /// <summary>
    /// Queues the link if the address is a working staff account; the caller says the same thing either way. Both ways
    /// write an audit entry (a request for an unknown address is worth seeing too), so the two take much the same time.
    /// </summary>
    public async Task RequestAsync(string email)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user?.Email is null || (user.LockoutEnd is { } end && end > clock.GetUtcNow().AddYears(100)))
        {
            await audit.AppendAsync(null, null, "password-reset.requested", "Staff", null, Domain.Confidentiality.AuditOutcome.Refused, "no working account at that address");
            return;
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = $"{mail.Value.PublicBaseUrl.TrimEnd('/')}{ResetPath}?id={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}";
        const string Subject = "Reset your DropIn password";
        var text = "Someone (we hope you) asked to reset your DropIn password. The link below works once, for one hour. If it was not you, ignore this email: your password has not changed.";
        db.Outbox.Add(new OutboxMessage(user.Email, Subject, new EmailBody().Paragraph(text).Link("Choose a new password", link), null, clock.GetUtcNow()));
        await db.SaveChangesAsync();
        await audit.AppendAsync(user.Id, null, "password-reset.requested", "Staff", user.Id, Domain.Confidentiality.AuditOutcome.Allowed, null);
    }

    /// <summary>Null when the password was changed; otherwise what to tell the person.</summary>
    public async Task<string?> ResetAsync(string userId, string token, string newPassword)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return "This link is not valid. Ask for a new one.";
        }

        var result = await users.ResetPasswordAsync(user, token, newPassword);
        await audit.AppendAsync(user.Id, null, "password-reset", "Staff", user.Id,
            result.Succeeded ? Domain.Confidentiality.AuditOutcome.Allowed : Domain.Confidentiality.AuditOutcome.Failed, null);
        if (result.Succeeded)
        {
            // Identity renewed the security stamp: every sign-in with the old password ends, open screens included.
            await sessions.EndAllAsync(user.Id);
            return null;
        }

        // The same link used twice at once: the second finds the account changed under it (ConcurrencyFailure) or the
        // token spent (InvalidToken). Either way the link has been used; say so, not "optimistic concurrency failure".
        return result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.InvalidToken) or nameof(IdentityErrorDescriber.ConcurrencyFailure))
            ? "This link has expired or has been used already. Ask for a new one."
            : string.Join(" ", result.Errors.Select(e => e.Description));
    }
}
