using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Features.Queue;
using DropIn.Web.Jobs;
using DropIn.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DropIn.Tests.Integration;

public sealed class QueueHeartbeatTests
{
    [Theory]
    [InlineData(11, 30, true)] // half an hour before Tuesday's session: screens tick towards opening
    [InlineData(13, 15, true)] // during it: estimates move with the clock
    [InlineData(14, 3, true)] // just after it closed: screens show it closed
    [InlineData(16, 0, false)] // long after: nothing to nudge
    public async Task Execute_NudgesScreensOnlyAroundASession(int hour, int minute, bool expected)
    {
        var clock = London.Clock(2026, 11, 24, 11, 15);
        await using var app = new AppFactory(clock: clock);
        _ = app.Server;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync())
        {
            // A reception screen opened before the session, as on any drop-in day.
            await app.Services.GetRequiredService<SessionLocator>().CurrentAsync(db, clock.GetUtcNow());
        }

        clock.SetUtcNow(London.At(2026, 11, 24, hour, minute));
        var changes = new List<LiveChange>();
        using var subscription = app.Services.GetRequiredService<ILiveUpdates>().Subscribe(c =>
        {
            lock (changes)
            {
                changes.Add(c);
            }

            return Task.CompletedTask;
        });
        var job = new QueueHeartbeatJob(
            app.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>(),
            app.Services.GetRequiredService<SessionLocator>(),
            app.Services.GetRequiredService<ILiveUpdates>(),
            clock);

        await job.Execute(null!, CancellationToken.None);

        Assert.Equal(expected, changes.OfType<QueueChanged>().Any());
    }
}
