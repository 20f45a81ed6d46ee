namespace DropIn.Domain.Queue;

public enum TicketStatus
{
    Waiting,
    Called,
    InProgress,
    Finished,
    NoAnswer,
    Left,

    /// <summary>Still waiting when the session closed; reception has recorded what was offered.</summary>
    NotReached,
}

public enum VisitOutcome
{
    AdviceGiven,
    AppointmentBooked,
    ReferredElsewhere,
    CaseOpened,
}

/// <summary>What reception offered a student the session did not reach.</summary>
public enum FollowUp
{
    AppointmentOffered,
    NoteTaken,
    NoneWanted,
}
