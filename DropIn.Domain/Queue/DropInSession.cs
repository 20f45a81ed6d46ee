using DropIn.Domain;
namespace DropIn.Domain.Queue;

public enum SessionState
{
    NotYetOpen,
    Open,
    Closed,
}

/// <summary>One drop-in session: a scheduled window (or an extra one a member of staff started) and its queue.</summary>
public sealed class DropInSession
{
    /// <summary>How long before the scheduled start staff may open the queue.</summary>
    public static readonly TimeSpan EarliestEarlyOpening = TimeSpan.FromHours(1);

    private DropInSession()
    {
    }

    public Guid Id { get; private set; }
    public DateOnly Date { get; private set; }
    public DateTimeOffset ScheduledStart { get; private set; }
    public DateTimeOffset ScheduledEnd { get; private set; }
    public bool IsExtra { get; private set; }
    public DateTimeOffset? OpenedAt { get; private set; }
    public string? OpenedBy { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? ClosedBy { get; private set; }
    public int LastTicketNumber { get; private set; }
    public int Version { get; private set; }

    /// <summary>
    /// A message from staff to everyone waiting, such as "we're running 20 minutes late": shown on the board and every
    /// student's own queue page; null when there is none.
    /// </summary>
    public string? Notice { get; private set; }

    public const int MaxNoticeLength = 200;

    public static DropInSession Scheduled(SessionWindow window) => new()
    {
        Id = Guid.NewGuid(),
        Date = window.Date,
        ScheduledStart = window.Start,
        ScheduledEnd = window.End,
    };

    /// <summary>An unscheduled session, e.g. an extra drop-in in exam term, open from now until <paramref name="end"/>.</summary>
    public static DropInSession Extra(DateTimeOffset now, DateTimeOffset end, string by)
    {
        if (end <= now)
        {
            throw new RuleException("An extra session must end later than now.");
        }

        if (end - now > TimeSpan.FromHours(8))
        {
            throw new RuleException("An extra session can last at most 8 hours.");
        }

        return new DropInSession
        {
            Id = Guid.NewGuid(),
            Date = Calendar.LondonTime.Today(now),
            ScheduledStart = now,
            ScheduledEnd = end,
            IsExtra = true,
            OpenedAt = now,
            OpenedBy = by,
        };
    }

    public SessionState StateAt(DateTimeOffset now)
    {
        if (ClosedAt is not null || now >= ScheduledEnd)
        {
            return SessionState.Closed;
        }

        return OpenedAt is not null || now >= ScheduledStart ? SessionState.Open : SessionState.NotYetOpen;
    }

    /// <summary>When the queue opens or opened: the scheduled start, or earlier when staff opened it early.</summary>
    public DateTimeOffset StartsAt => OpenedAt is { } opened && opened < ScheduledStart ? opened : ScheduledStart;

    /// <summary>When the queue stopped taking students: closed early by staff, or the scheduled end.</summary>
    public DateTimeOffset EndedAt => ClosedAt is { } closed && closed < ScheduledEnd ? closed : ScheduledEnd;

    /// <summary>The time the session takes as stored (opened early, closed early, or an extra session), which those who staff it are not free for.</summary>
    public SessionWindow Window => new(Date, StartsAt, EndedAt);

    /// <summary>Whether the session runs at any moment between <paramref name="start"/> and <paramref name="end"/>, counting an early opening.</summary>
    public bool Overlaps(DateTimeOffset start, DateTimeOffset end) => start < EndedAt && StartsAt < end;

    public void OpenEarly(DateTimeOffset now, string by)
    {
        switch (StateAt(now))
        {
            case SessionState.Open:
                throw new RuleException("The queue is already open.");
            case SessionState.Closed:
                throw new RuleException("This session has ended; start an extra session instead.");
        }

        if (now < ScheduledStart - EarliestEarlyOpening)
        {
            throw new RuleException($"The queue can be opened at most {EarliestEarlyOpening.TotalMinutes:0} minutes before the session starts.");
        }

        OpenedAt = now;
        OpenedBy = by;
        Version++;
    }

    /// <summary>Sets the message to everyone waiting; blank clears it. Never a student's name: the board shows it to the room.</summary>
    /// <exception cref="RuleException">Longer than <see cref="MaxNoticeLength"/> characters.</exception>
    public void SetNotice(string? text)
    {
        var notice = text?.Trim();
        if (notice is { Length: > MaxNoticeLength })
        {
            throw new RuleException($"The message can be at most {MaxNoticeLength} characters.");
        }

        Notice = string.IsNullOrEmpty(notice) ? null : notice;
        Version++;
    }

    public void Close(DateTimeOffset now, string by)
    {
        if (StateAt(now) != SessionState.Open)
        {
            throw new RuleException("Only an open queue can be closed.");
        }

        ClosedAt = now;
        ClosedBy = by;
        Version++;
    }

    private string WhenOpens(DateTimeOffset now)
    {
        var opens = Calendar.LondonTime.ToLocal(ScheduledStart);
        var format = Calendar.LondonTime.Today(now) == Date ? "'at' HH:mm" : "'on' dddd d MMMM 'at' HH:mm";
        return opens.ToString(format, System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
    }

    public Ticket CheckIn(StudentDetails student, DateTimeOffset now)
    {
        if (StateAt(now) != SessionState.Open)
        {
            throw new RuleException(now < ScheduledStart
                ? $"The drop-in queue is not open yet: it opens {WhenOpens(now)}."
                : "The drop-in queue is closed, so nobody can be checked in. Offer the student an appointment instead.");
        }

        return Issue(student, now, CheckInChannel.Desk);
    }

    /// <summary>
    /// A student joins from their phone or the kiosk. The window is wider than the desk's (from
    /// <see cref="OnlineQueuePolicy.JoinOpensBefore"/> before the start); the cap and the estimate are checked with the
    /// queue as it is (<see cref="OnlineJoin.Check"/>), in the same transaction, by the caller.
    /// </summary>
    /// <param name="channel">The phone or the kiosk.</param>
    /// <exception cref="RuleException">Outside the join window (the caller checks first and answers in its own words).</exception>
    public Ticket JoinOnline(StudentDetails student, DateTimeOffset now, OnlineQueuePolicy policy, CheckInChannel channel = CheckInChannel.Phone)
    {
        if (StateAt(now) == SessionState.Closed || now < ScheduledStart - policy.JoinOpensBefore)
        {
            throw new RuleException("The drop-in queue is not taking students now.");
        }

        return Issue(student, now, channel);
    }

    private Ticket Issue(StudentDetails student, DateTimeOffset now, CheckInChannel channel)
    {
        // Validate before taking a number, so a refused check-in leaves no gap in the ticket numbers.
        var details = student.Validated();
        LastTicketNumber++;
        Version++;
        return new Ticket(Id, LastTicketNumber, details, now, channel);
    }
}
