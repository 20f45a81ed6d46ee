using DropIn.Domain.Queue;
using DropIn.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Queue;

/// <summary>
/// Visit times from earlier sessions, for wait estimates. They do not change during a session, so they are read
/// once every few minutes rather than by every open screen on every change.
/// </summary>
public sealed class VisitHistory(IDbContextFactory<DropInDbContext> dbFactory, TimeProvider clock) : IDisposable
{
    private const int Sample = 200;
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(10);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (Guid SessionId, DateTimeOffset ReadAt, IReadOnlyList<TimeSpan> Visits)? _cached;

    public async Task<IReadOnlyList<TimeSpan>> BeforeAsync(Guid sessionId, CancellationToken ct = default)
    {
        if (Fresh(sessionId) is { } visits)
        {
            return visits;
        }

        await _refresh.WaitAsync(ct);
        try
        {
            if (Fresh(sessionId) is { } again)
            {
                return again;
            }

            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var rows = await db.Tickets.AsNoTracking()
                .Where(t => t.SessionId != sessionId && t.Status == TicketStatus.Finished)
                .OrderByDescending(t => t.FinishedAt)
                .Take(Sample)
                .Select(t => new { t.CalledAt, t.FinishedAt })
                .ToListAsync(ct);
            IReadOnlyList<TimeSpan> read = [.. rows.Where(r => r.CalledAt is not null && r.FinishedAt is not null).Select(r => r.FinishedAt!.Value - r.CalledAt!.Value)];
            _cached = (sessionId, clock.GetUtcNow(), read);
            return read;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private IReadOnlyList<TimeSpan>? Fresh(Guid sessionId) =>
        _cached is { } c && c.SessionId == sessionId && clock.GetUtcNow() - c.ReadAt < KeepFor ? c.Visits : null;
}
