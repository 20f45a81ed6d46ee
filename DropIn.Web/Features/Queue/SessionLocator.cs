using DropIn.Domain.Calendar;
using DropIn.Domain.Queue;
using DropIn.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Features.Queue;

/// <summary>Finds the session the queue screens are about at a given moment, creating the row for a scheduled window when first needed.</summary>
public sealed class SessionLocator(IOptions<QueueOptions> options)
{
    private readonly DropInSchedule _schedule = options.Value.Schedule();

    /// <summary>
    /// The open session if there is one; else today's next scheduled session (not yet open, or closed early);
    /// else today's last session, closed, so reception can follow up anyone not reached; else the next one.
    /// </summary>
    public async Task<DropInSession> CurrentAsync(DropInDbContext db, DateTimeOffset now, CancellationToken ct = default)
    {
        var today = LondonTime.Today(now);
        var recent = await db.DropInSessions.Where(s => s.Date >= today.AddDays(-1) && s.Date <= today).ToListAsync(ct);
        var open = recent.FirstOrDefault(s => s.StateAt(now) == SessionState.Open);
        if (open is not null)
        {
            return open;
        }

        var next = _schedule.CurrentOrNext(now);
        if (next is not null && next.Date == today)
        {
            return await GetOrCreateAsync(db, next, ct);
        }

        var endedToday = recent.Where(s => s.Date == today).MaxBy(s => s.ScheduledStart);
        if (endedToday is not null)
        {
            return endedToday;
        }

        return next is null
            ? throw new InvalidOperationException("The drop-in schedule has no sessions.")
            : await GetOrCreateAsync(db, next, ct);
    }

    public SessionWindow? NextWindowAfter(DateTimeOffset instant) => _schedule.CurrentOrNext(instant);

    /// <summary>Scheduled windows today that have not ended, for refusing an extra session that would overlap one.</summary>
    public IEnumerable<SessionWindow> WindowsOn(DateOnly date) => _schedule.WindowsOn(date);

    private static async Task<DropInSession> GetOrCreateAsync(DropInDbContext db, SessionWindow window, CancellationToken ct)
    {
        var existing = await db.DropInSessions.SingleOrDefaultAsync(s => s.ScheduledStart == window.Start, ct);
        if (existing is not null)
        {
            return existing;
        }

        var created = DropInSession.Scheduled(window);
        db.DropInSessions.Add(created);
        try
        {
            await db.SaveChangesAsync(ct);
            return created;
        }
        catch (DbUpdateException)
        {
            // Another screen created it a moment ago: the unique index on the start kept one row; use that.
            db.Entry(created).State = EntityState.Detached;
            return await db.DropInSessions.SingleAsync(s => s.ScheduledStart == window.Start, ct);
        }
    }
}
