using DropIn.Domain.Cases;

namespace DropIn.Domain.Queue;

/// <summary>
/// A student's request to join a session's queue from their phone or a link. It takes no place until the student
/// opens the emailed private link and presses "Take my place" (<see cref="Take"/>): someone typing a classmate's
/// address puts nobody in the queue, so neither the board nor the answer tells them whether the classmate uses the
/// service, is already waiting or has had service withdrawn. Only the link's hash is stored.
/// </summary>
public sealed class OnlineJoinRequest
{
    public const int MaxEmailLength = 200;

    private OnlineJoinRequest()
    {
    }

    private OnlineJoinRequest(Guid sessionId, StudentDetails details, string linkHash, bool declined, DateTimeOffset now)
    {
        Id = Guid.NewGuid();
        SessionId = sessionId;
        LinkHash = linkHash;
        Name = details.Name;
        Email = details.EmailOrId ?? "";
        Topic = details.Topic;
        UrgentDeadlineToday = details.UrgentDeadlineToday;
        AccessNeeds = details.AccessNeeds;
        Declined = declined;
        RequestedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid SessionId { get; private set; }

    /// <summary>SHA-256 of the private link's token, lower-case hex.</summary>
    public string LinkHash { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Email { get; private set; } = "";
    public string Topic { get; private set; } = "";
    public bool UrgentDeadlineToday { get; private set; }
    public string? AccessNeeds { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }

    /// <summary>Service is withdrawn from this student: the request is stored like any other, but its link takes no place.</summary>
    public bool Declined { get; private set; }

    /// <summary>The ticket the link follows, once the student took their place (or was already in the queue).</summary>
    public Guid? TicketId { get; private set; }
    public int Version { get; private set; }

    public StudentDetails Details => new(Name, Email, null, Topic, UrgentDeadlineToday, AccessNeeds);

    /// <summary>A request from the join form, its email already checked to be a university address (<see cref="UniversityEmail.Validated"/>).</summary>
    /// <exception cref="RuleException">The name or what it is about is missing or too long.</exception>
    public static OnlineJoinRequest Request(Guid sessionId, StudentDetails details, string linkHash, bool declined, DateTimeOffset now) =>
        new(sessionId, details.Validated(), linkHash, declined, now);

    /// <summary>
    /// Takes the student's place: a new ticket (<see cref="DropInSession.JoinOnline"/>), or the ticket this student
    /// already has in the session's queue, so joining twice never makes two places. Taking it again follows the same ticket.
    /// </summary>
    /// <param name="active">The session's tickets still waiting, called or with a caseworker.</param>
    /// <param name="channel">The student's phone, or the reception kiosk.</param>
    /// <exception cref="RuleException">Declined, or outside the session's join window.</exception>
    public Ticket? Take(DropInSession session, IEnumerable<Ticket> active, DateTimeOffset now, OnlineQueuePolicy policy, CheckInChannel channel = CheckInChannel.Phone)
    {
        if (Declined)
        {
            throw new RuleException("We can't add you to the queue online. Please speak to reception, who will help you.");
        }

        if (TicketId is not null)
        {
            return null;
        }

        var existing = active.FirstOrDefault(t => UniversityEmail.Same(t.EmailOrId, Email));
        var ticket = existing ?? session.JoinOnline(Details, now, policy, channel);
        TicketId = ticket.Id;
        Version++;
        return existing is null ? ticket : null;
    }
}
