using DropIn.Domain;
namespace DropIn.Domain.Queue;

/// <summary>A student's place in one drop-in session's queue, from check-in to the end of their visit.</summary>
public sealed class Ticket
{
    public const int MaxReasonLength = 200;

    private Ticket()
    {
    }

    internal Ticket(Guid sessionId, int number, StudentDetails student, DateTimeOffset now, CheckInChannel channel = CheckInChannel.Desk)
    {
        Id = Guid.NewGuid();
        SessionId = sessionId;
        Number = number;
        CheckedInAt = now;
        QueuedAt = now;
        Channel = channel;
        Apply(student.Validated());
    }

    public Guid Id { get; private set; }
    public Guid SessionId { get; private set; }
    public int Number { get; private set; }

    /// <summary>The only thing about a ticket the waiting room ever sees.</summary>
    public string Code => FormatCode(Number);

    public string Name { get; private set; } = "";
    public string? EmailOrId { get; private set; }
    public string? College { get; private set; }
    public string Topic { get; private set; } = "";
    public bool UrgentDeadlineToday { get; private set; }
    public string? AccessNeeds { get; private set; }

    public DateTimeOffset CheckedInAt { get; private set; }

    /// <summary>Where the ticket stands among those of the same priority: the check-in, later once the student stepped back.</summary>
    public DateTimeOffset QueuedAt { get; private set; }

    /// <summary>Where the student checked in: at the desk, on their own phone or on the reception kiosk.</summary>
    public CheckInChannel Channel { get; private set; }

    /// <summary>Joined from the student's own phone or the kiosk, not at the desk: they have a private status link.</summary>
    public bool JoinedOnline => Channel != CheckInChannel.Desk;

    /// <summary>When the student asked for more time ("I need 5 more minutes"); once per ticket.</summary>
    public DateTimeOffset? SteppedBackAt { get; private set; }

    /// <summary>When "nearly your turn" was sent; it is sent once per ticket.</summary>
    public DateTimeOffset? NearlyTurnSentAt { get; private set; }

    /// <summary>When a student who joined online said "I'm here" (arrived at the service), so reception knows to expect them.</summary>
    public DateTimeOffset? HereAt { get; private set; }
    public TicketStatus Status { get; private set; }
    public DateTimeOffset? MovedUpAt { get; private set; }
    public string? MovedUpBy { get; private set; }
    public string? MovedUpReason { get; private set; }

    public string? CaseworkerId { get; private set; }
    public string? CaseworkerName { get; private set; }
    public string? Room { get; private set; }
    public DateTimeOffset? CalledAt { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public VisitOutcome? Outcome { get; private set; }
    public DateTimeOffset? LeftAt { get; private set; }
    public FollowUp? FollowUp { get; private set; }
    public string? FollowUpNote { get; private set; }
    public int Version { get; private set; }
    /// <summary>The student record and case this was linked to by a caseworker, once known.</summary>
    public Guid? StudentId { get; private set; }
    public Guid? CaseId { get; private set; }


    public StudentDetails Details => new(Name, EmailOrId, College, Topic, UrgentDeadlineToday, AccessNeeds);

    /// <summary>Higher goes first: moved up by reception, then an urgent deadline today, then everyone else.</summary>
    public int Priority => MovedUpAt is not null ? 2 : UrgentDeadlineToday ? 1 : 0;

    public bool IsWithCaseworker => Status is TicketStatus.Called or TicketStatus.InProgress;

    /// <summary>How long the student waited before being called, or has waited so far.</summary>
    public TimeSpan WaitedAt(DateTimeOffset now) => (CalledAt ?? (Status == TicketStatus.Waiting ? now : LeftAt ?? now)) - CheckedInAt;

    /// <summary>How long the caseworker was occupied, from calling to finishing.</summary>
    public TimeSpan? ServiceTime => FinishedAt - CalledAt;

    public static string FormatCode(int number) => $"A{number:00}";

    public void Edit(StudentDetails student)
    {
        Require(Status is TicketStatus.Waiting or TicketStatus.Called or TicketStatus.InProgress, "be edited");
        Apply(student.Validated());
    }

    public void MoveUp(string reason, string by, DateTimeOffset now)
    {
        Require(Status == TicketStatus.Waiting, "be moved up");
        reason = reason?.Trim() ?? "";
        if (reason.Length == 0)
        {
            throw new RuleException("Give a reason for moving the ticket up; it is recorded.");
        }

        if (reason.Length > MaxReasonLength)
        {
            throw new RuleException($"The reason can be at most {MaxReasonLength} characters.");
        }

        MovedUpAt = now;
        MovedUpBy = by;
        MovedUpReason = reason;
        Version++;
    }

    /// <summary>
    /// "I need 5 more minutes": the ticket goes back behind the next <paramref name="places"/> waiting tickets of its
    /// priority (fewer when fewer wait), once. The wait so far still counts from the check-in.
    /// </summary>
    /// <param name="waitingInOrder">The session's waiting tickets in call order (<see cref="QueueOrder.Waiting"/>), this one among them.</param>
    /// <exception cref="RuleException">Not waiting, or stepped back already.</exception>
    public void StepBack(IReadOnlyList<Ticket> waitingInOrder, int places, DateTimeOffset now)
    {
        Require(Status == TicketStatus.Waiting, "step back");
        if (SteppedBackAt is not null)
        {
            throw new RuleException("You have already asked for more time once. If you cannot come now, leave the queue and join again when you can.");
        }

        var behind = waitingInOrder.SkipWhile(t => t.Id != Id).Skip(1).Where(t => t.Priority == Priority).Take(places).LastOrDefault();
        if (behind is not null)
        {
            // Just after the last of them. A millisecond, not a tick: the database keeps instants to 0.1 ms
            // (EF Core's DateTimeOffsetToBinaryConverter). A ticket checked in within that millisecond is passed too.
            QueuedAt = behind.QueuedAt.AddMilliseconds(1);
        }

        SteppedBackAt = now;
        Version++;
    }

    /// <summary>Records that "nearly your turn" went; false when it had gone already, so it goes once however often the queue moves.</summary>
    public bool MarkNearlyTurnSent(DateTimeOffset now)
    {
        if (NearlyTurnSentAt is not null || Status != TicketStatus.Waiting)
        {
            return false;
        }

        NearlyTurnSentAt = now;
        Version++;
        return true;
    }

    /// <summary>"I'm here": the student who joined from a phone has arrived at the service. Said again, it keeps the first time.</summary>
    /// <exception cref="RuleException">The ticket is no longer waiting or called.</exception>
    public void MarkHere(DateTimeOffset now)
    {
        Require(Status is TicketStatus.Waiting or TicketStatus.Called, "be marked as here");
        if (HereAt is null)
        {
            HereAt = now;
            Version++;
        }
    }

    public void MarkLeft(DateTimeOffset now)
    {
        Require(Status is TicketStatus.Waiting or TicketStatus.NoAnswer, "be marked as left");
        Status = TicketStatus.Left;
        LeftAt = now;
        Version++;
    }

    public void Call(string caseworkerId, string caseworkerName, string room, DateTimeOffset now)
    {
        Require(Status == TicketStatus.Waiting, "be called");
        Status = TicketStatus.Called;
        CaseworkerId = caseworkerId;
        CaseworkerName = caseworkerName;
        Room = room;
        CalledAt = now;
        Version++;
    }

    public void Start(string caseworkerId, DateTimeOffset now)
    {
        RequireCaseworker(caseworkerId);
        Require(Status == TicketStatus.Called, "be started");
        Status = TicketStatus.InProgress;
        StartedAt = now;
        Version++;
    }

    /// <summary>Ends the visit. "Case opened" means the visit is filed on a case (opened or added to): a claim with no case behind it is refused.</summary>
    public void Finish(string caseworkerId, VisitOutcome outcome, DateTimeOffset now)
    {
        RequireCaseworker(caseworkerId);
        Require(Status is TicketStatus.Called or TicketStatus.InProgress, "be finished");
        if (outcome == VisitOutcome.CaseOpened && CaseId is null)
        {
            throw new RuleException($"Open or add to a case for {Code} first: the visit is filed on it, then it finishes as \"case opened\".");
        }

        Status = TicketStatus.Finished;
        StartedAt ??= now;
        FinishedAt = now;
        Outcome = outcome;
        Version++;
    }

    /// <summary>The student did not come when called. Reception can put them back if they reappear.</summary>
    public void NoAnswer(string caseworkerId, DateTimeOffset now)
    {
        RequireCaseworker(caseworkerId);
        Require(Status == TicketStatus.Called, "be marked as no answer");
        Status = TicketStatus.NoAnswer;
        FinishedAt = now;
        Version++;
    }

    /// <summary>
    /// Puts a student who did not answer, or was marked as left, back in the queue at their original arrival place:
    /// they reappeared, or reception pressed "has left" on the wrong row.
    /// </summary>
    public void ReturnToQueue()
    {
        Require(Status is TicketStatus.NoAnswer or TicketStatus.Left, "be put back in the queue");
        Status = TicketStatus.Waiting;
        LeftAt = null;
        CaseworkerId = null;
        CaseworkerName = null;
        Room = null;
        CalledAt = null;
        FinishedAt = null;
        Version++;
    }

    /// <summary>Records what was offered to a student still waiting when the session closed.</summary>
    public void RecordFollowUp(FollowUp followUp, string? note, SessionState sessionState)
    {
        if (sessionState != SessionState.Closed)
        {
            throw new RuleException("Follow-ups are recorded once the session has closed.");
        }

        Require(Status is TicketStatus.Waiting or TicketStatus.NotReached, "have a follow-up recorded");
        note = note?.Trim();
        if (note is { Length: > MaxReasonLength })
        {
            throw new RuleException($"The note can be at most {MaxReasonLength} characters.");
        }

        Status = TicketStatus.NotReached;
        FollowUp = followUp;
        FollowUpNote = string.IsNullOrEmpty(note) ? null : note;
        Version++;
    }

    private void Apply(StudentDetails student)
    {
        Name = student.Name;
        EmailOrId = student.EmailOrId;
        College = student.College;
        Topic = student.Topic;
        UrgentDeadlineToday = student.UrgentDeadlineToday;
        AccessNeeds = student.AccessNeeds;
        Version++;
    }

    private void Require(bool allowed, string action)
    {
        if (!allowed)
        {
            throw new RuleException($"Ticket {Code} is {Describe(Status)}, so it cannot {action}.");
        }
    }

    private void RequireCaseworker(string caseworkerId)
    {
        if (CaseworkerId != caseworkerId)
        {
            throw new RuleException($"Ticket {Code} was called by another caseworker.");
        }
    }

    public static string Describe(TicketStatus status) => status switch
    {
        TicketStatus.Waiting => "waiting",
        TicketStatus.Called => "called",
        TicketStatus.InProgress => "with a caseworker",
        TicketStatus.Finished => "finished",
        TicketStatus.NoAnswer => "marked no answer",
        TicketStatus.Left => "marked as left",
        TicketStatus.NotReached => "not reached",
        _ => status.ToString(),
    };

    public void LinkTo(Guid studentId, Guid? caseId)
    {
        StudentId = studentId;
        CaseId = caseId ?? CaseId;
        Version++;
    }

    /// <summary>A copy for a screen an information barrier covers: the number and times stay, who and why do not.</summary>
    public Ticket Redacted(string hidden)
    {
        var copy = (Ticket)MemberwiseClone();
        (copy.Name, copy.Topic, copy.EmailOrId, copy.College, copy.AccessNeeds, copy.MovedUpReason, copy.FollowUpNote) = (hidden, hidden, null, null, null, null, null);
        return copy;
    }
}
