using System.Text;
using DropIn.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DropIn.Web.Messaging;

/// <summary>
/// Sends what is due in the outbox. Each message is claimed in the database before it is sent, so two dispatchers at
/// the same moment (two app servers, or a job that ran twice) never send the same one: only the claimant sends, and
/// marks it sent or failed on its own, so one bad address holds up nothing.
/// </summary>
/// <remarks>
/// The claim is one conditional UPDATE (the row is unclaimed, or its claim has run out), which both SQLite and
/// PostgreSQL apply atomically: the second of two at once finds the row claimed and changes nothing. A server that
/// dies after claiming leaves the claim to run out (<see cref="ClaimLease"/>), and the message goes after that; it can
/// go twice only if the server died after the mail server took it and before the row was marked.
/// </remarks>
public sealed class OutboxDispatcher(IDbContextFactory<DropInDbContext> dbFactory, IMailTransport transport, IOptions<MailOptions> options, TimeProvider clock, ILogger<OutboxDispatcher> logger)
{
    private const int Batch = 50;

    /// <summary>The longest a claimed message waits for its claimant: well over one SMTP send (30 s a step).</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);

    /// <summary>The longest <see cref="OutboxMessage.ClaimedBy"/> can be.</summary>
    public const int ClaimantLength = 100;

    /// <summary>This dispatcher, as its claims name it: the host, the process and a random part, unique to each dispatcher.</summary>
    private readonly string _claimant = Truncate($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}");

    /// <returns>How many messages this dispatcher sent.</returns>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var due = await db.Outbox.AsNoTracking().Where(m => m.SentAt == null && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.NextAttemptAt).Take(Batch).Select(m => m.Id).ToListAsync(ct);
        var sent = 0;
        foreach (var id in due)
        {
            if (await ClaimAsync(db, id, ct) is not { } message)
            {
                continue; // another dispatcher has it
            }

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

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Only if this dispatcher outlived its claim and another took the message over: it says how it went.
                logger.LogWarning("Mail {MessageId} was taken over by another dispatcher after this one's claim ran out", message.Id);
            }

            db.ChangeTracker.Clear();
        }

        return sent;
    }

    /// <summary>Claims one message for this dispatcher and reads it; null when another dispatcher holds it or it has gone.</summary>
    private async Task<OutboxMessage?> ClaimAsync(DropInDbContext db, Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var until = now + ClaimLease;
        var claimed = await db.Outbox
            .Where(m => m.Id == id && m.SentAt == null && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntil, until).SetProperty(m => m.ClaimedBy, _claimant), ct);
        return claimed == 1 ? await db.Outbox.SingleOrDefaultAsync(m => m.Id == id && m.ClaimedBy == _claimant, ct) : null;
    }

    private static string Truncate(string claimant) => claimant.Length <= ClaimantLength ? claimant : claimant[^ClaimantLength..];

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
