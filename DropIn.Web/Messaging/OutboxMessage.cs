namespace DropIn.Web.Messaging;

/// <summary>
/// An email waiting to go. Written in the same transaction as the change that causes it; the dispatcher job sends
/// it and retries with back-off, so a mail server outage delays mail and loses none.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
    }

    public OutboxMessage(string to, string subject, string textBody, string htmlBody, string? calendar, DateTimeOffset now)
    {
        Id = Guid.NewGuid();
        To = to;
        Subject = subject;
        TextBody = textBody;
        HtmlBody = htmlBody;
        Calendar = calendar;
        CreatedAt = now;
        NextAttemptAt = now;
    }

    public OutboxMessage(string to, string subject, EmailBody body, string? calendar, DateTimeOffset now)
        : this(to, subject, body.Text, body.Html, calendar, now)
    {
    }

    public Guid Id { get; private set; }
    public string To { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string TextBody { get; private set; } = "";
    public string HtmlBody { get; private set; } = "";

    /// <summary>An iCalendar invitation (.ics) to attach, if any.</summary>
    public string? Calendar { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public string? LastError { get; private set; }
    public int Version { get; private set; }

    /// <summary>
    /// Until when a dispatcher holds the message to send it (UTC), or null when none does. Set in the database by the
    /// claim (<see cref="OutboxDispatcher"/>), never by a tracked save; cleared once it is sent or has failed. A claim
    /// left by a server that died mid-send runs out, and the message is sent after that.
    /// </summary>
    public DateTimeOffset? ClaimedUntil { get; private set; }

    /// <summary>The dispatcher (host, process and run) that last claimed the message: which server sent it, or holds it now.</summary>
    public string? ClaimedBy { get; private set; }

    public void Sent(DateTimeOffset now)
    {
        SentAt = now;
        Attempts++;
        LastError = null;
        ClaimedUntil = null;
        Version++;
    }

    /// <summary>Back-off doubles from one minute to at most an hour; the message is never dropped.</summary>
    public void Failed(string error, DateTimeOffset now)
    {
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        NextAttemptAt = now + TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Min(Attempts - 1, 6))));
        ClaimedUntil = null;
        Version++;
    }
}
