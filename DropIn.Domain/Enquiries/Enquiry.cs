using DropIn.Domain.Calendar;

namespace DropIn.Domain.Enquiries;

/// <summary>A first contact (email, phone message, letter, web form, in person) and the promise to acknowledge it.</summary>
public sealed class Enquiry
{
    public const int MaxSummaryLength = 500;
    public const int MaxNameLength = 100;
    public const int MaxContactLength = 200;

    private Enquiry()
    {
    }

    public Guid Id { get; private set; }
    public EnquiryChannel Channel { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>The member of staff who recorded it, or null for the public web form.</summary>
    public string? RecordedBy { get; private set; }
    public string FromName { get; private set; } = "";
    public string? Contact { get; private set; }
    public string Summary { get; private set; } = "";

    /// <summary>The caseworker it is assigned to, or null for the shared inbox.</summary>
    public string? AssigneeId { get; private set; }
    public DateTimeOffset TargetAt { get; private set; }
    public DateTimeOffset BreachAt { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public string? AcknowledgedBy { get; private set; }
    public AcknowledgementMethod? AcknowledgedHow { get; private set; }
    public EnquiryOutcome? Outcome { get; private set; }
    public string? ClosedReason { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>When each reminder was sent: set in the transaction that queues it, so each goes exactly once.</summary>
    public DateTimeOffset? DueTodayRemindedAt { get; private set; }
    public DateTimeOffset? TargetMissedRemindedAt { get; private set; }
    public DateTimeOffset? BreachEscalatedAt { get; private set; }
    public int Version { get; private set; }
    /// <summary>The student record and case this was linked to by a caseworker, once known.</summary>
    public Guid? StudentId { get; private set; }
    public Guid? CaseId { get; private set; }


    public bool IsOpen => AcknowledgedAt is null && Outcome is null;

    public static Enquiry Record(EnquiryChannel channel, DateTimeOffset received, DateTimeOffset now, string fromName, string? contact, string summary, string? assigneeId, string? recordedBy, WorkingCalendar calendar)
    {
        fromName = fromName?.Trim() ?? "";
        summary = summary?.Trim() ?? "";
        contact = string.IsNullOrWhiteSpace(contact) ? null : contact.Trim();
        if (fromName.Length is 0 or > MaxNameLength)
        {
            throw new RuleException(fromName.Length == 0 ? "Enter who the enquiry is from." : $"The name can be at most {MaxNameLength} characters.");
        }

        if (summary.Length is 0 or > MaxSummaryLength)
        {
            throw new RuleException(summary.Length == 0 ? "Enter a short summary of the enquiry." : $"The summary can be at most {MaxSummaryLength} characters.");
        }

        if (contact is { Length: > MaxContactLength })
        {
            throw new RuleException($"The contact details can be at most {MaxContactLength} characters.");
        }

        if (received > now)
        {
            throw new RuleException("The date received cannot be in the future.");
        }

        if (received < now.AddDays(-90))
        {
            throw new RuleException("The date received can be at most 90 days ago.");
        }

        var enquiry = new Enquiry
        {
            Id = Guid.NewGuid(),
            Channel = channel,
            ReceivedAt = received,
            RecordedAt = now,
            RecordedBy = recordedBy,
            FromName = fromName,
            Contact = contact,
            Summary = summary,
            AssigneeId = assigneeId,
        };
        enquiry.Recompute(calendar);
        return enquiry;
    }

    /// <summary>How long a second identical message through the web form counts as the same one (a double press of Send, or Send again after a slow answer).</summary>
    public static readonly TimeSpan ResendWindow = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Whether <paramref name="other"/> is this message sent again: the same channel, sender, contact (ignoring case)
    /// and words, received within <see cref="ResendWindow"/> of this one.
    /// </summary>
    public bool IsResentAs(Enquiry other) =>
        other.Channel == Channel && other.FromName == FromName && other.Summary == Summary
        && string.Equals(other.Contact, Contact, StringComparison.OrdinalIgnoreCase)
        && other.ReceivedAt >= ReceivedAt && other.ReceivedAt - ReceivedAt <= ResendWindow;

    /// <summary>Deadlines again, e.g. after a manager adds a closure day.</summary>
    public void Recompute(WorkingCalendar calendar)
    {
        var deadlines = AcknowledgementDeadlines.For(ReceivedAt, calendar);
        TargetAt = deadlines.Target;
        BreachAt = deadlines.Breach;
        Version++;
    }

    public SlaState StateAt(DateTimeOffset now)
    {
        if (!IsOpen)
        {
            return SlaState.Acknowledged;
        }

        if (now >= BreachAt)
        {
            return SlaState.Breached;
        }

        if (now >= TargetAt)
        {
            return SlaState.Overdue;
        }

        return LondonTime.Today(now) == LondonTime.Today(TargetAt) ? SlaState.DueToday : SlaState.OnTrack;
    }

    public void Assign(string? assigneeId)
    {
        AssigneeId = assigneeId;
        Version++;
    }

    public void Acknowledge(string by, AcknowledgementMethod how, DateTimeOffset at, DateTimeOffset now)
    {
        if (AcknowledgedAt is not null)
        {
            throw new RuleException("This enquiry has already been acknowledged.");
        }

        if (at > now || at < ReceivedAt)
        {
            throw new RuleException("The acknowledgement must be between receipt and now.");
        }

        AcknowledgedAt = at;
        AcknowledgedBy = by;
        AcknowledgedHow = how;
        Version++;
    }

    /// <summary>Turns the enquiry into an appointment or a case, or closes it with a reason; acknowledges it if not yet.</summary>
    public void Resolve(EnquiryOutcome outcome, string? reason, string by, DateTimeOffset now)
    {
        if (Outcome is not null)
        {
            throw new RuleException("This enquiry has already been dealt with.");
        }

        reason = reason?.Trim();
        if (outcome == EnquiryOutcome.Closed && string.IsNullOrEmpty(reason))
        {
            throw new RuleException("Give a reason for closing the enquiry.");
        }

        if (reason is { Length: > 200 })
        {
            throw new RuleException("The reason can be at most 200 characters.");
        }

        Outcome = outcome;
        ClosedReason = string.IsNullOrEmpty(reason) ? null : reason;
        ClosedAt = now;
        if (AcknowledgedAt is null)
        {
            AcknowledgedAt = now;
            AcknowledgedBy = by;
        }

        Version++;
    }

    public void MarkDueTodayReminded(DateTimeOffset now) => DueTodayRemindedAt = Touch(now);

    public void MarkTargetMissedReminded(DateTimeOffset now) => TargetMissedRemindedAt = Touch(now);

    public void MarkBreachEscalated(DateTimeOffset now) => BreachEscalatedAt = Touch(now);

    private DateTimeOffset Touch(DateTimeOffset now)
    {
        Version++;
        return now;
    }

    public void LinkTo(Guid studentId, Guid? caseId)
    {
        StudentId = studentId;
        CaseId = caseId ?? CaseId;
        Version++;
    }

    /// <summary>A copy for a screen an information barrier covers: the deadlines stay, who and what do not.</summary>
    public Enquiry Redacted(string hidden)
    {
        var copy = (Enquiry)MemberwiseClone();
        (copy.FromName, copy.Contact, copy.Summary) = (hidden, null, hidden);
        return copy;
    }
}
