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
            body.Attachments.Add("invite.ics", Encoding.UTF8.GetBytes(message.Calendar), new ContentType("text", "calendar") { Parameters = { { "method", "REQUEST" }, { "charset", "utf-8" } } });
        }

        mail.Body = body.ToMessageBody();
        return mail;
    }
}
