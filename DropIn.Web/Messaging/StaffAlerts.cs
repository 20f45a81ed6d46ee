using DropIn.Domain.Notifications;
using DropIn.Web.Data;
using DropIn.Web.Features.Enquiries;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Messaging;

/// <summary>
/// A reminder to members of staff: in the app and by email through the outbox, added to the caller's unit of work
/// so that it is queued in the same transaction that marks it sent. Staff mail says where to look, never what a
/// student said.
/// </summary>
public sealed class StaffAlerts(DropInDbContext db, MailOptions mail, Dictionary<string, string?> emails, DateTimeOffset now)
{
    private readonly HashSet<string> _notified = [];

    /// <summary>Everyone alerted so far, so the caller can announce their bells once they are saved.</summary>
    public IReadOnlySet<string> Notified => _notified;

    public static async Task<StaffAlerts> ForAsync(DropInDbContext db, MailOptions mail, DateTimeOffset now, CancellationToken ct)
    {
        var emails = await db.Users.AsNoTracking().Select(u => new { u.Id, u.Email }).ToDictionaryAsync(u => u.Id, u => u.Email, ct);
        return new StaffAlerts(db, mail, emails, now);
    }

    public void Send(IEnumerable<string> staffIds, string subject, string text, string path, string linkText)
    {
        var link = mail.Link(path);
        foreach (var id in staffIds.Distinct())
        {
            _notified.Add(id);
            db.Notifications.Add(new StaffNotification(id, text, path, now));
            if (emails.GetValueOrDefault(id) is { } address)
            {
                db.Outbox.Add(new OutboxMessage(address, subject, new EmailBody().Paragraph(text).Link(linkText, link), null, now));
            }
        }
    }
}
