using System.Text;
using DropIn.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DropIn.Web.Messaging;

/// <summary>Sends what is due in the outbox. Each message is marked sent or failed on its own, so one bad address holds up nothing.</summary>
public sealed class OutboxDispatcher(IDbContextFactory<DropInDbContext> dbFactory, IMailTransport transport, IOptions<MailOptions> options, TimeProvider clock, ILogger<OutboxDispatcher> logger)
{
    private const int Batch = 50;

    /// <returns>How many messages were sent.</returns>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var due = await db.Outbox.Where(m => m.SentAt == null && m.NextAttemptAt <= now).OrderBy(m => m.NextAttemptAt).Take(Batch).ToListAsync(ct);
        var sent = 0;
        foreach (var message in due)
        {
            try
            {
                await transport.SendAsync(ToMime(message), ct);
                message.Sent(clock.GetUtcNow());
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                message.Failed(ex.Message, clock.GetUtcNow());
                // The id and the error only: never the address or the content.
                logger.LogWarning("Mail {MessageId} not sent (attempt {Attempts}): {Error}", message.Id, message.Attempts, ex.GetType().Name);
            }

            await db.SaveChangesAsync(ct);
        }

        return sent;
    }

    private MimeMessage ToMime(OutboxMessage message)
    {
        var mail = new MimeMessage();
        mail.From.Add(new MailboxAddress(options.Value.FromName, options.Value.FromAddress));
        mail.To.Add(MailboxAddress.Parse(message.To));
        mail.Subject = message.Subject;
        mail.MessageId = $"{message.Id:N}@dropin";
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        if (message.Calendar is not null)
        {
            var (fileName, type) = CalendarPart(message.Calendar);
            body.Attachments.Add(fileName, Encoding.UTF8.GetBytes(message.Calendar), type);
        }

        mail.Body = body.ToMessageBody();
        return mail;
    }

    /// <summary>
    /// The .ics part. Its content type's method is read from the file's own METHOD, so the two always agree (RFC 6047
    /// section 2.4: they must); a calendar client acts on the header, and a cancellation labelled as a request would
    /// put the event back instead of removing it.
    /// </summary>
    private static (string FileName, ContentType Type) CalendarPart(string calendar)
    {
        var method = Ical.Net.Calendar.Load(calendar)?.Method
            ?? throw new InvalidOperationException("A calendar attached to an email must say its METHOD (RFC 6047).");
        var type = new ContentType("text", "calendar") { Charset = "utf-8" };
        type.Parameters.Add("method", method);
        return (method == "CANCEL" ? "cancel.ics" : "invite.ics", type);
    }
}
