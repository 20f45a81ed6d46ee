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

        const string Text = "Someone (we hope you) asked to reset your DropIn password. The link below works once, for one hour. If it was not you, ignore this email: your password has not changed.";
        await QueueLinkAsync(user, "Reset your DropIn password", new EmailBody().Paragraph(Text), "Choose a new password");
        await audit.AppendAsync(user.Id, null, "password-reset.requested", "Staff", user.Id, Domain.Confidentiality.AuditOutcome.Allowed, null);
    }

    /// <summary>
    /// The email a new member of staff gets: the same single-use, one-hour link, to choose their first password; after
    /// an hour "Forgotten your password?" sends a fresh one (the account has an address and no password until then).
    /// </summary>
    /// <param name="invitedBy">The display name of the manager who added the account, so the email is recognisable.</param>
    public async Task InviteAsync(StaffUser user, string invitedBy)
    {
        var forgot = mail.Value.Link(ForgotPath);
        var body = new EmailBody()
            .Paragraph($"{invitedBy} has made you a DropIn account at the Student Advice Service, signing in with this address.")
            .Paragraph($"Choose your password with the link below: it works once, for one hour. If it has expired, ask for a new one at {forgot} with this address. At your first sign-in you will set up two-step sign-in with an authenticator app.");
        await QueueLinkAsync(user, "Your DropIn account", body, "Choose your password");
    }

    public const string ForgotPath = "/account/forgot-password";

    private async Task QueueLinkAsync(StaffUser user, string subject, EmailBody body, string linkText)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = mail.Value.Link(ResetPath) + $"?id={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}";
        db.Outbox.Add(new OutboxMessage(user.Email!, subject, body.Link(linkText, link), null, clock.GetUtcNow()));
        await db.SaveChangesAsync();
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
