namespace DropIn.Domain.Queue;

/// <summary>How a session went: who was seen, who left, who was not reached, and how long people waited.</summary>
public sealed record SessionSummary(int CheckedIn, int Seen, int Left, int NoAnswer, int NotReached, TimeSpan? AverageWait, TimeSpan? LongestWait)
{
    /// <summary>Waits count for students who were called; those not reached waited until the queue closed.</summary>
    public static SessionSummary Of(DropInSession session, IReadOnlyCollection<Ticket> tickets)
    {
        var waits = tickets
            .Where(t => t.CalledAt is not null || t.Status is TicketStatus.Waiting or TicketStatus.NotReached)
            .Select(t => (t.CalledAt ?? session.EndedAt) - t.CheckedInAt)
            .Where(w => w >= TimeSpan.Zero)
            .ToList();
        return new SessionSummary(
            tickets.Count,
            tickets.Count(t => t.Status == TicketStatus.Finished),
            tickets.Count(t => t.Status == TicketStatus.Left),
            tickets.Count(t => t.Status == TicketStatus.NoAnswer),
            tickets.Count(t => t.Status is TicketStatus.NotReached or TicketStatus.Waiting),
            waits.Count == 0 ? null : TimeSpan.FromTicks((long)waits.Average(w => w.Ticks)),
            waits.Count == 0 ? null : waits.Max());
    }
}
