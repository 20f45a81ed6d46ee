using DropIn.Domain.Queue;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DropIn.Tests.Integration;

/// <summary>
/// Development start-up seeds the demo data on the first run, whenever that is. It used to fail on a Tuesday or
/// Thursday between 12:00 and 12:45 ("The drop-in queue is not open yet"): the demo's check-ins went back 45 minutes
/// into a session that had only just opened.
/// </summary>
public sealed class DemoDataTests
{
    public static TheoryData<string, int, int, int, int, int> Moments => new()
    {
        { "Tuesday 11:59, a minute before the drop-in", 2026, 11, 24, 11, 59 },
        { "Tuesday 12:00, as it opens", 2026, 11, 24, 12, 0 },
        { "Tuesday 12:30", 2026, 11, 24, 12, 30 },
        { "Tuesday 13:59, its last minute", 2026, 11, 24, 13, 59 },
        { "Thursday 12:44", 2026, 11, 26, 12, 44 },
        { "Thursday 11:30, before it opens", 2026, 11, 26, 11, 30 },
        { "Tuesday 14:20, after it closed", 2026, 11, 24, 14, 20 },
        { "a Saturday", 2026, 11, 28, 10, 0 },
        { "a bank holiday (Boxing Day, moved to Monday)", 2026, 12, 28, 12, 30 },
        { "the spring clock change, after the skipped hour", 2026, 3, 29, 3, 10 },
        { "the autumn clock change, in the repeated hour", 2026, 10, 25, 1, 30 },
        { "Tuesday 00:30 in summer time (Monday in UTC)", 2026, 6, 9, 0, 30 },
        { "Monday 23:50", 2026, 11, 23, 23, 50 },
    };

    [Theory]
    [MemberData(nameof(Moments))]
    public async Task Seed_AtAnyTime_Succeeds_WithAQueueOpenNow(string moment, int year, int month, int day, int hour, int minute)
    {
        var clock = London.Clock(year, month, day, hour, minute);
        await using var app = new AppFactory(clock: clock);
        var now = clock.GetUtcNow();

        await app.UseAsync<DemoData>(d => d.SeedAsync(CancellationToken.None));

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync();
        var sessions = await db.DropInSessions.ToListAsync();
        var open = Assert.Single(sessions, s => s.StateAt(now) == SessionState.Open);
        Assert.Equal(8, await db.Tickets.CountAsync(t => t.SessionId == open.Id));
        // No two sessions run at once, or the queue screens would have two "current" queues.
        Assert.DoesNotContain(sessions, s => s.Id != open.Id && s.Overlaps(open.ScheduledStart, open.EndedAt));
        Assert.True(await db.Appointments.AnyAsync(), moment);
        Assert.True(await db.Cases.AnyAsync(), moment);
    }
}
