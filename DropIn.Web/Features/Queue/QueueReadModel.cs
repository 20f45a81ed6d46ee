using DropIn.Domain.Queue;
using DropIn.Web.Data;
using DropIn.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Queue;

/// <summary>
/// The current session and all its tickets, read once per change and shared by every screen that shows the queue
/// (reception, caseworkers, Today, the public board): 100 open queue screens cost one read per check-in, not 100.
/// Every ticket of the session, names and topics included, so it is never shown as it is: each staff screen filters it
/// through its user's barrier lens (<see cref="QueueService.GetQueueAsync"/>) and the board takes ticket numbers alone.
/// </summary>
public sealed class QueueReadModel : IDisposable
{
    /// <summary>
    /// How long a read is handed out when no change was heard: which session is current moves with the clock alone, and
    /// the heartbeat (Jobs/QueueHeartbeatJob) nudges screens each minute around a session.
    /// </summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly SharedRead<CurrentQueue> _current;

    public QueueReadModel(IDbContextFactory<DropInDbContext> dbFactory, SessionLocator sessions, ILiveUpdates live, TimeProvider clock) =>
        _current = new SharedRead<CurrentQueue>(live, change => change is QueueChanged or StudentChanged, async ct =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var session = await sessions.CurrentAsync(db, clock.GetUtcNow(), ct);
            var tickets = await db.Tickets.AsNoTracking().Where(t => t.SessionId == session.Id).ToListAsync(ct);
            return new CurrentQueue(session, tickets);
        }, MaxAge, clock);

    /// <summary>The session the queue screens are about now (<see cref="SessionLocator.CurrentAsync"/>) and its tickets, as read after the last change heard.</summary>
    public Task<CurrentQueue> CurrentAsync(CancellationToken ct = default) => _current.GetAsync(ct);

    public void Dispose() => _current.Dispose();
}

/// <summary>A session and every ticket in it, unfiltered: never shown as it is (see <see cref="QueueReadModel"/>).</summary>
public sealed record CurrentQueue(DropInSession Session, IReadOnlyList<Ticket> Tickets);
