namespace DropIn.Domain.Queue;

/// <summary>
/// Whether a student may join a session's queue from their phone now. The same session rules as reception's check-in,
/// and three of the student's side: the queue opens to phones a little before the desk, has a cap, and is refused when
/// the estimate already runs past the session's end, so nobody waits for a turn that will not come.
/// </summary>
public static class OnlineJoin
{
    /// <summary>Null when the student may join; otherwise why not.</summary>
    /// <param name="now">The instant of the request (UTC offset irrelevant: compared as instants).</param>
    /// <param name="waiting">How many tickets of the session are waiting now.</param>
    /// <param name="newArrivalWait">The estimated wait of someone joining now (<see cref="WaitEstimator.ForPosition"/> of waiting + 1).</param>
    public static JoinRefusal? Check(DropInSession session, DateTimeOffset now, int waiting, TimeSpan newArrivalWait, OnlineQueuePolicy policy)
    {
        switch (session.StateAt(now))
        {
            case SessionState.Closed:
                return JoinRefusal.Closed;
            case SessionState.NotYetOpen when now < session.ScheduledStart - policy.JoinOpensBefore:
                return JoinRefusal.NotOpenYet;
        }

        if (waiting >= policy.Cap)
        {
            return JoinRefusal.Full;
        }

        return RunsPastClose(session, now, newArrivalWait) ? JoinRefusal.PastClose : null;
    }

    /// <summary>
    /// Whether a student arriving now would, on the estimate, still be waiting when the session ends: the phone refuses
    /// the join and the waiting-room board says "you may not be seen today", by this one rule.
    /// </summary>
    /// <param name="now">The instant of the question (compared as an instant).</param>
    /// <param name="newArrivalWait">The estimated wait of someone arriving now (<see cref="WaitEstimator.ForPosition"/> of waiting + 1).</param>
    public static bool RunsPastClose(DropInSession session, DateTimeOffset now, TimeSpan newArrivalWait)
    {
        // Before the start the wait counts from the start: nobody is called earlier.
        var calledAbout = (now > session.StartsAt ? now : session.StartsAt) + newArrivalWait;
        return calledAbout >= session.EndedAt;
    }

    /// <summary>How many waiting tickets are ahead of <paramref name="ticket"/> (0: next), or null when it is not waiting.</summary>
    public static int? Ahead(Ticket ticket, IEnumerable<Ticket> sessionTickets)
    {
        var order = QueueOrder.Waiting(sessionTickets);
        var index = order.ToList().FindIndex(t => t.Id == ticket.Id);
        return index < 0 ? null : index;
    }

    /// <summary>Whether "nearly your turn" applies: waiting, with <see cref="OnlineQueuePolicy.NearlyYourTurnAhead"/> or fewer ahead.</summary>
    public static bool IsNearlyTurn(int? ahead, OnlineQueuePolicy policy) => ahead is { } n && n <= policy.NearlyYourTurnAhead;
}
