using DropIn.Domain.Queue;
using DropIn.Web.Data;
using DropIn.Web.Features.Queue;
using DropIn.Web.Live;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace DropIn.Web.Jobs;

/// <summary>
/// Once a minute: nudges every open queue screen and board to re-read, so that sessions opening and closing on the
/// clock, and wait estimates, show without anyone touching the queue. Holds no state; a missed run costs nothing.
/// </summary>
[DisallowConcurrentExecution]
public sealed class QueueHeartbeatJob(IDbContextFactory<DropInDbContext> dbFactory, SessionLocator sessions, ILiveUpdates live, TimeProvider clock) : IJob
{
    public static readonly JobKey Key = new(nameof(QueueHeartbeatJob));

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var session = await sessions.CurrentAsync(db, now, cancellationToken);
        var nearSession = now >= session.ScheduledStart - DropInSession.EarliestEarlyOpening && now <= session.ScheduledEnd + TimeSpan.FromMinutes(5);
        if (nearSession)
        {
            await live.PublishAsync(new QueueChanged(session.Id));
        }
    }
}
