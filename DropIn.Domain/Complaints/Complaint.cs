using DropIn.Domain.Calendar;
using DropIn.Domain.Enquiries;

namespace DropIn.Domain.Complaints;

/// <summary>
/// A complaint about the service, in the complaints register. Stage 1 is answered by a handler; a complainant not
/// satisfied may ask for stage 2, a review by someone who did not handle stage 1. Each stage has its own
/// working-day deadlines (<see cref="ComplaintDeadlines"/>). The member of staff complained about never handles it
/// nor sees it (the code of practice: "if we fail to do this, we want to know about it"; the advice-quality audit asks
/// for an independent handler). A complaint about a case is linked to it, but kept apart from the case file.
/// </summary>
public sealed class Complaint
{
    public const int MaxNameLength = 100;
    public const int MaxContactLength = 200;
    public const int MaxSummaryLength = 4000;
    public const int MaxResponseLength = 20000;
    public const int MaxLearningLength = 2000;

    /// <summary>How far back a complaint received may be dated when recorded, in days.</summary>
    public const int MaxDaysAgo = 90;

    private Complaint()
    {
    }

    public Guid Id { get; private set; }
    public int Number { get; private set; }
    public string Reference => $"CP{Number:D3}";
    public EnquiryChannel Channel { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>Who recorded it; null for the public web form.</summary>
    public string? RecordedBy { get; private set; }
    public string ComplainantName { get; private set; } = "";

    /// <summary>An email address the response goes to, or how else to reach the complainant.</summary>
    public string? Contact { get; private set; }

    /// <summary>What the complaint is about, in the complainant's words (encrypted at rest).</summary>
    public string Summary { get; private set; } = "";
    public Guid? StudentId { get; private set; }
    public Guid? CaseId { get; private set; }

    /// <summary>The member of staff the complaint is about, if it names one: they may neither handle nor see it.</summary>
    public string? AboutStaffId { get; private set; }

    /// <summary>1 or 2.</summary>
    public int Stage { get; private set; }
    public DateTimeOffset StageBeganAt { get; private set; }
    public DateTimeOffset AcknowledgeBy { get; private set; }
    public DateTimeOffset RespondBy { get; private set; }
    public string? HandlerId { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public string? AcknowledgedBy { get; private set; }
    public ComplaintOutcome? Outcome { get; private set; }

    /// <summary>The response letter as sent (encrypted at rest).</summary>
    public string? Response { get; private set; }
    public DateTimeOffset? RespondedAt { get; private set; }
    public string? StageOneHandlerId { get; private set; }
    public ComplaintOutcome? StageOneOutcome { get; private set; }
    public string? StageOneResponse { get; private set; }
    public DateTimeOffset? StageOneRespondedAt { get; private set; }
    public DateTimeOffset? StageOneRespondBy { get; private set; }

    /// <summary>What the service learned from it (encrypted at rest): what the audit asks feedback to lead to.</summary>
    public string? Learning { get; private set; }

    /// <summary>Reminders of the current stage, set in the transaction that queues them, so each goes once.</summary>
    public DateTimeOffset? AcknowledgeDueRemindedAt { get; private set; }
    public DateTimeOffset? AcknowledgeLateRemindedAt { get; private set; }
    public DateTimeOffset? RespondDueRemindedAt { get; private set; }
    public DateTimeOffset? RespondLateEscalatedAt { get; private set; }
    public int Version { get; private set; }

    /// <summary>Whether the current stage still waits for its response.</summary>
    public bool IsOpen => RespondedAt is null;

    /// <exception cref="RuleException">A name, summary or contact missing or too long; received in the future or more than <see cref="MaxDaysAgo"/> days ago.</exception>
    public static Complaint Record(int number, EnquiryChannel channel, DateTimeOffset received, DateTimeOffset now, string complainantName, string? contact, string summary,
        string? aboutStaffId, Guid? studentId, Guid? caseId, string? recordedBy, WorkingCalendar calendar, ComplaintTimescales timescales)
    {
        complainantName = complainantName?.Trim() ?? "";
        summary = summary?.Trim() ?? "";
        contact = string.IsNullOrWhiteSpace(contact) ? null : contact.Trim();
        if (complainantName.Length is 0 or > MaxNameLength)
        {
            throw new RuleException(complainantName.Length == 0 ? "Enter who the complaint is from." : $"The name can be at most {MaxNameLength} characters.");
        }

        if (summary.Length is 0 or > MaxSummaryLength)
        {
            throw new RuleException(summary.Length == 0 ? "Enter what the complaint is about." : $"The complaint can be at most {MaxSummaryLength} characters.");
        }

        if (contact is { Length: > MaxContactLength })
        {
            throw new RuleException($"The contact details can be at most {MaxContactLength} characters.");
        }

        if (received > now)
        {
            throw new RuleException("The date received cannot be in the future.");
        }

        if (received < now.AddDays(-MaxDaysAgo))
        {
            throw new RuleException($"The date received can be at most {MaxDaysAgo} days ago.");
        }

        var complaint = new Complaint
        {
            Id = Guid.NewGuid(),
            Number = number,
            Channel = channel,
            ReceivedAt = received,
            RecordedAt = now,
            RecordedBy = recordedBy,
            ComplainantName = complainantName,
            Contact = contact,
            Summary = summary,
            AboutStaffId = string.IsNullOrEmpty(aboutStaffId) ? null : aboutStaffId,
            StudentId = studentId,
            CaseId = caseId,
        };
        complaint.BeginStage(1, received, calendar, timescales);
        return complaint;
    }

    /// <summary>Whether <paramref name="staffId"/> may handle the current stage: not the one complained about, and at stage 2 not stage 1's handler.</summary>
    public bool MayHandle(string staffId) => staffId != AboutStaffId && (Stage == 1 || staffId != StageOneHandlerId);

    /// <summary>Whether the complaint is about <paramref name="staffId"/>, who then may not see it.</summary>
    public bool IsAbout(string staffId) => AboutStaffId == staffId;

    /// <exception cref="RuleException">The handler is the one complained about, stage 1's handler at stage 2, or the stage is answered.</exception>
    public void Assign(string handlerId)
    {
        if (!IsOpen)
        {
            throw new RuleException("This stage has been answered; ask for stage 2 to review it.");
        }

        if (handlerId == AboutStaffId)
        {
            throw new RuleException("The complaint is about this member of staff: someone else must handle it.");
        }

        if (Stage == 2 && handlerId == StageOneHandlerId)
        {
            throw new RuleException("Stage 2 is a review by someone who did not handle stage 1: choose another handler.");
        }

        HandlerId = handlerId;
        Version++;
    }

    /// <exception cref="RuleException">Already acknowledged, or the time given is before the stage began or in the future.</exception>
    public void Acknowledge(string by, DateTimeOffset at, DateTimeOffset now)
    {
        if (AcknowledgedAt is not null)
        {
            throw new RuleException($"Stage {Stage} has already been acknowledged.");
        }

        if (at > now || at < StageBeganAt)
        {
            throw new RuleException("The acknowledgement must be between receipt and now.");
        }

        AcknowledgedAt = at;
        AcknowledgedBy = by;
        Version++;
    }

    /// <summary>Answers the current stage with <paramref name="response"/>, the letter as sent; acknowledges it too if not yet.</summary>
    /// <exception cref="RuleException">No handler, someone other than the handler responding, the stage already answered, or no letter.</exception>
    public void Respond(ComplaintOutcome outcome, string response, string by, DateTimeOffset now)
    {
        if (!IsOpen)
        {
            throw new RuleException($"Stage {Stage} has already been answered.");
        }

        if (HandlerId is null)
        {
            throw new RuleException("Choose who handles this stage before answering it.");
        }

        if (by != HandlerId)
        {
            throw new RuleException("Only the handler of this stage can send its response.");
        }

        response = response?.Trim() ?? "";
        if (response.Length is 0 or > MaxResponseLength)
        {
            throw new RuleException(response.Length == 0 ? "Write the response letter." : $"The response can be at most {MaxResponseLength} characters.");
        }

        Outcome = outcome;
        Response = response;
        RespondedAt = now;
        if (AcknowledgedAt is null)
        {
            AcknowledgedAt = now;
            AcknowledgedBy = by;
        }

        Version++;
    }

    /// <summary>
    /// The complainant is not satisfied with stage 1's response: stage 2 begins on <paramref name="requestedAt"/>, with
    /// its own deadlines and a new handler. Stage 1's handler, outcome and letter are kept.
    /// </summary>
    /// <exception cref="RuleException">Already at stage 2, stage 1 not yet answered, or a request dated before the response or in the future.</exception>
    public void Escalate(DateTimeOffset requestedAt, DateTimeOffset now, WorkingCalendar calendar, ComplaintTimescales timescales)
    {
        if (Stage == 2)
        {
            throw new RuleException("This complaint is already at stage 2, the last stage of the procedure.");
        }

        if (RespondedAt is not { } answered)
        {
            throw new RuleException("Stage 2 reviews the stage 1 response: answer stage 1 first.");
        }

        if (requestedAt > now || requestedAt < answered)
        {
            throw new RuleException("The request for stage 2 must be between the stage 1 response and now.");
        }

        (StageOneHandlerId, StageOneOutcome, StageOneResponse, StageOneRespondedAt, StageOneRespondBy) = (HandlerId, Outcome, Response, RespondedAt, RespondBy);
        BeginStage(2, requestedAt, calendar, timescales);
    }

    /// <summary>
    /// Whether <paramref name="other"/> is this complaint sent again: the same channel, name, contact (ignoring case)
    /// and words, received within <see cref="Enquiry.ResendWindow"/> of this one (the contact form's double send).
    /// </summary>
    public bool IsResentAs(Complaint other) =>
        other.Channel == Channel && other.ComplainantName == ComplainantName && other.Summary == Summary
        && string.Equals(other.Contact, Contact, StringComparison.OrdinalIgnoreCase)
        && other.ReceivedAt >= ReceivedAt && other.ReceivedAt - ReceivedAt <= Enquiry.ResendWindow;

    /// <summary>
    /// The working days changed (a closure day added or removed): the current stage's deadlines still to be met are
    /// counted again from when it began, as an enquiry's are. A deadline already met stays as it was.
    /// </summary>
    /// <returns>Whether a deadline moved.</returns>
    public bool Recompute(WorkingCalendar calendar, ComplaintTimescales timescales)
    {
        if (RespondedAt is not null)
        {
            return false;
        }

        var deadlines = ComplaintDeadlines.For(StageBeganAt, calendar, timescales.Checked());
        var acknowledgeBy = AcknowledgedAt is null ? deadlines.AcknowledgeBy : AcknowledgeBy;
        if (acknowledgeBy == AcknowledgeBy && deadlines.RespondBy == RespondBy)
        {
            return false;
        }

        (AcknowledgeBy, RespondBy) = (acknowledgeBy, deadlines.RespondBy);
        Version++;
        return true;
    }

    /// <exception cref="RuleException">Empty or too long.</exception>
    public void RecordLearning(string learning)
    {
        learning = learning?.Trim() ?? "";
        if (learning.Length is 0 or > MaxLearningLength)
        {
            throw new RuleException(learning.Length == 0 ? "Write what the service learned, or what it changes." : $"What was learned can be at most {MaxLearningLength} characters.");
        }

        Learning = learning;
        Version++;
    }

    public ComplaintState StateAt(DateTimeOffset now) =>
        !IsOpen ? ComplaintState.Answered
        : now >= RespondBy || (AcknowledgedAt is null && now >= AcknowledgeBy) ? ComplaintState.Overdue
        : AcknowledgedAt is null ? ComplaintState.ToAcknowledge
        : ComplaintState.InHand;

    /// <summary>The next deadline of the current stage: the acknowledgement until it is given, then the response; null once answered.</summary>
    public DateTimeOffset? NextDeadline => !IsOpen ? null : AcknowledgedAt is null ? AcknowledgeBy : RespondBy;

    /// <summary>A copy for a register row an information barrier covers: the reference, stage and deadlines stay; who and what do not.</summary>
    public Complaint Redacted(string hidden)
    {
        var copy = (Complaint)MemberwiseClone();
        (copy.ComplainantName, copy.Contact, copy.Summary, copy.Response, copy.StageOneResponse, copy.Learning) = (hidden, null, hidden, null, null, null);
        return copy;
    }

    public void MarkAcknowledgeDueReminded(DateTimeOffset now) => AcknowledgeDueRemindedAt = Touch(now);

    /// <summary>The late reminder supersedes the one for the day itself, which is marked too (after downtime only the late one goes).</summary>
    public void MarkAcknowledgeLateReminded(DateTimeOffset now)
    {
        AcknowledgeDueRemindedAt ??= now;
        AcknowledgeLateRemindedAt = Touch(now);
    }

    public void MarkRespondDueReminded(DateTimeOffset now) => RespondDueRemindedAt = Touch(now);

    /// <summary>The escalation supersedes the reminder for the day itself, which is marked too.</summary>
    public void MarkRespondLateEscalated(DateTimeOffset now)
    {
        RespondDueRemindedAt ??= now;
        RespondLateEscalatedAt = Touch(now);
    }

    private DateTimeOffset Touch(DateTimeOffset now)
    {
        Version++;
        return now;
    }

    private void BeginStage(int stage, DateTimeOffset began, WorkingCalendar calendar, ComplaintTimescales timescales)
    {
        var deadlines = ComplaintDeadlines.For(began, calendar, timescales.Checked());
        Stage = stage;
        StageBeganAt = began;
        (AcknowledgeBy, RespondBy) = (deadlines.AcknowledgeBy, deadlines.RespondBy);
        (HandlerId, AcknowledgedAt, AcknowledgedBy, Outcome, Response, RespondedAt) = (null, null, null, null, null, null);
        (AcknowledgeDueRemindedAt, AcknowledgeLateRemindedAt, RespondDueRemindedAt, RespondLateEscalatedAt) = (null, null, null, null);
        Version++;
    }
}
