using DropIn.Domain.Queue;

namespace DropIn.Web.Features.Queue;

/// <summary>What staff screens show of the current session. Staff only: it carries names and topics.</summary>
/// <param name="Hidden">The tickets an information barrier hides from this user (shown redacted, with no action).</param>
public sealed record QueueView(
    DropInSession Session,
    SessionState State,
    IReadOnlyList<WaitingTicket> Waiting,
    IReadOnlyList<Ticket> WithCaseworkers,
    IReadOnlyList<Ticket> Done,
    TimeSpan NewArrivalWait,
    WaitEstimator Estimator,
    SessionSummary Summary,
    SessionWindow? NextSession,
    IReadOnlySet<Guid> Hidden);

/// <param name="PossibleConflict">Not yet linked to a record, but resembles a party to a recorded dispute.</param>
/// <param name="Hidden">An information barrier keeps this user from the student: no action is offered (the service refuses them all).</param>
public sealed record WaitingTicket(Ticket Ticket, int Position, TimeSpan EstimatedWait, bool PossibleConflict = false, bool Hidden = false);

/// <summary>
/// What the public waiting-room board shows. Built only from ticket numbers, rooms and times: it has no field
/// that could carry a name or a topic.
/// </summary>
/// <param name="PastClose">Someone arriving now would, on the estimate, still be waiting when the session ends
/// (<see cref="OnlineJoin.RunsPastClose"/>, the rule that refuses a join from a phone): the board says they may not be seen today.</param>
/// <param name="Notice">The session's message to everyone waiting (e.g. "we're running 20 minutes late"), written by staff
/// for the board and the status pages; null when there is none.</param>
public sealed record BoardView(
    SessionState State,
    DateTimeOffset SessionStart,
    DateTimeOffset SessionEnd,
    IReadOnlyList<BoardCall> NowCalling,
    IReadOnlyList<BoardWaiting> Waiting,
    int NewArrivalWaitMinutes,
    DateTimeOffset? NextSessionStart,
    bool PastClose,
    string? Notice);

public sealed record BoardCall(string Code, string Room);

public sealed record BoardWaiting(string Code, int WaitMinutes);

/// <summary>
/// Where every ticket of a session stands, sent with each "queue changed" to display clients: what the board shows
/// (ticket numbers, estimated waits in rounded minutes, rooms, staff's message to everyone waiting), whether or not the
/// session has opened yet.
/// </summary>
public sealed record QueuePositions(Guid SessionId, string? Notice, IReadOnlyList<BoardWaiting> Waiting, IReadOnlyList<BoardCall> Calling);
