namespace DropIn.Domain.Queue;

public static class QueueOrder
{
    /// <summary>Waiting tickets in the order they will be called: priority, then arrival (later for a student who stepped back).</summary>
    public static IReadOnlyList<Ticket> Waiting(IEnumerable<Ticket> tickets) =>
        [.. tickets.Where(t => t.Status == TicketStatus.Waiting)
                   .OrderByDescending(t => t.Priority)
                   .ThenBy(t => t.QueuedAt)
                   .ThenBy(t => t.Number)];

    public static Ticket? Next(IEnumerable<Ticket> tickets) => Waiting(tickets) is [var first, ..] ? first : null;
}
