namespace DropIn.Web.Features.Queue.Online;

/// <summary>
/// What a student's private link shows: their ticket number and where it stands, never their name, topic or a
/// caseworker's name. One record per stage, so the page and its live updates render each the same way.
/// </summary>
public abstract record OnlineStatus
{
    private OnlineStatus()
    {
    }

    /// <summary>The session the link belongs to, for matching the positions each live update carries; null once expired.</summary>
    public Guid? SessionId { get; init; }

    /// <summary>Staff's message to everyone waiting, if any (<see cref="DropIn.Domain.Queue.DropInSession.Notice"/>).</summary>
    public string? Notice { get; init; }

    /// <summary>"Nearly your turn" applies with this many or fewer ahead (<see cref="QueueOptions.NearlyYourTurnAhead"/>).</summary>
    public int NearlyAhead { get; init; }

    /// <summary>The link was opened but no place taken yet ("Take my place"); <paramref name="Refusal"/> says why nobody can join now, if so.</summary>
    public sealed record NotTaken(string? Refusal) : OnlineStatus;

    /// <summary>The service cannot add this student online (withdrawn): neutral words, reception helps.</summary>
    public sealed record Declined : OnlineStatus;

    /// <param name="Ahead">Tickets ahead (0: next).</param>
    /// <param name="WaitMinutes">Estimated wait, rounded to 5 minutes (<see cref="DropIn.Domain.Queue.WaitEstimator.RoundedMinutes"/>).</param>
    /// <param name="Nearly">Within "nearly your turn" (<see cref="QueueOptions.NearlyYourTurnAhead"/>).</param>
    /// <param name="CanStepBack">"I need 5 more minutes" not used yet.</param>
    /// <param name="Here">The student has said "I'm here".</param>
    public sealed record Waiting(string Code, int Ahead, int WaitMinutes, bool Nearly, bool CanStepBack, bool Here) : OnlineStatus;

    public sealed record Called(string Code, string Room) : OnlineStatus;

    public sealed record WithCaseworker(string Code) : OnlineStatus;

    public sealed record NoAnswer(string Code) : OnlineStatus;

    public sealed record Left(string Code) : OnlineStatus;

    public sealed record Seen(string Code) : OnlineStatus;

    /// <summary>The session has closed, or the link is not one of ours: the same words for both.</summary>
    public sealed record Expired : OnlineStatus;
}

/// <summary>What the join form answers: the same "check your email" for everyone, or why nobody can join now.</summary>
public abstract record JoinAnswer
{
    private JoinAnswer()
    {
    }

    public sealed record CheckEmail : JoinAnswer;

    /// <param name="Message">Plain words: why, and when the next drop-in is.</param>
    public sealed record Refused(string Message) : JoinAnswer;
}
