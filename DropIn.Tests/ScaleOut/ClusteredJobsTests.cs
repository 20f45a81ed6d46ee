using System.Collections.Concurrent;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;

namespace DropIn.Tests.ScaleOut;

/// <summary>
/// Quartz clustered on the real PostgreSQL, configured as the app configures it in cluster mode
/// (<see cref="JobsSetup.UseClusteredStore"/>), its tables made by the migrate step's <see cref="JobsSetup.ProvisionSchemaAsync"/>:
/// two app servers' schedulers, each registering the same probe job every 2 s as every server registers the app's
/// jobs at start. Each scheduled time runs once across the two, and when the server running the probe dies (its
/// database connections cut as kill -9 would, <see cref="CuttableLink"/>), the other takes over within 15 s.
/// </summary>
public sealed class ClusteredJobsTests
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task TwoServers_AProbeEveryTwoSeconds_RunsEachTimeOnce_AndGoesOnWhenTheServerRunningItDies()
    {
        var database = await TestServers.NewPostgresDatabaseAsync();
        await JobsSetup.ProvisionSchemaAsync(database);
        await JobsSetup.ProvisionSchemaAsync(database); // the migrate step run again before the next rollout: nothing to do
        var target = new NpgsqlConnectionStringBuilder(database);
        await using var linkA = new CuttableLink(target.Host!, target.Port);
        await using var linkB = new CuttableLink(target.Host!, target.Port);
        var runs = new ProbeRuns();
        await using var a = await ServerAsync("server-a", Through(database, linkA), runs);
        await using var b = await ServerAsync("server-b", Through(database, linkB), runs);
        var bothStarted = DateTimeOffset.UtcNow; // each server's start re-anchors the probe, as the app's jobs are

        await runs.WaitAsync(r => r.Count >= 8, TimeSpan.FromSeconds(60));
        var running = runs.Latest().Server;
        (running == "server-a" ? linkA : linkB).Cut();
        var diedAt = DateTimeOffset.UtcNow;
        var survivor = running == "server-a" ? "server-b" : "server-a";
        await runs.WaitAsync(r => r.Count(x => x.Server == survivor && x.RanAt > diedAt) >= 5, TimeSpan.FromSeconds(40));

        var all = runs.All();
        Assert.Empty(all.GroupBy(r => r.ScheduledFor).Where(g => g.Count() > 1).Select(g => g.Key));
        // One run per 2-s tick across the two servers: no tick run by both, however the two clocks are anchored.
        var ticks = all.Where(r => r.ScheduledFor > bothStarted).OrderBy(r => r.ScheduledFor).ToList();
        Assert.All(ticks.Zip(ticks.Skip(1)), pair => Assert.True(pair.Second.ScheduledFor - pair.First.ScheduledFor >= Every / 2,
            $"{pair.First.Server} ran {pair.First.ScheduledFor:HH:mm:ss.fff} and {pair.Second.Server} ran {pair.Second.ScheduledFor:HH:mm:ss.fff}"));
        var takenOver = all.Where(r => r.Server == survivor && r.RanAt > diedAt).Min(r => r.RanAt);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{all.Count} runs, {ticks.Count} after both started; {running} died, {survivor} ran the probe again {(takenOver - diedAt).TotalSeconds:F1} s later");
        Assert.InRange(takenOver - diedAt, TimeSpan.Zero, TimeSpan.FromSeconds(15));
        Assert.DoesNotContain(all, r => r.Server == running && r.RanAt > diedAt.AddSeconds(1));
    }

    [Fact]
    public async Task AServerDoesNotMakeTheTables_ItRefusesToStartWithoutThem()
    {
        var database = await TestServers.NewPostgresDatabaseAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddQuartz(q => JobsSetup.UseClusteredStore(q, database));
        await using var provider = services.BuildServiceProvider();

        await Assert.ThrowsAnyAsync<SchedulerException>(async () => await provider.GetRequiredService<ISchedulerFactory>().GetScheduler());

        await using var db = new NpgsqlConnection(database);
        await db.OpenAsync();
        await using var tables = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'qrtz%'", db);
        Assert.Equal(0L, await tables.ExecuteScalarAsync());
        await JobsSetup.ProvisionSchemaAsync(database);
        Assert.Equal(15L, await tables.ExecuteScalarAsync()); // the migrate step's, with Quartz 4's history tables
    }

    [Fact]
    public async Task TheMigrateStep_StoresThisReleasesSchedule_OverWhatAnEarlierOneStored()
    {
        var database = await TestServers.NewPostgresDatabaseAsync();
        await JobsSetup.ProvisionSchemaAsync(database);
        await JobsSetup.StoreScheduleAsync(database);
        // As an earlier release had it: the outbox every minute, and a probe job since retired.
        await ExecuteAsync(database, "UPDATE qrtz_simple_triggers SET repeat_interval = 60000 WHERE trigger_name = 'OutboxDispatchJob-trigger'");
        await using (var earlier = await ServerAsync("earlier-release", database, new ProbeRuns(), start: false))
        {
        }

        await JobsSetup.StoreScheduleAsync(database);

        var intervals = await ScheduleAsync(database);
        Assert.Equal(15_000L, intervals["OutboxDispatchJob-trigger"]);
        Assert.Equal(60_000L, intervals["AppointmentJob-trigger"]);
        Assert.Equal("0 30 2 * * ? Europe/London", intervals["RetentionJob-trigger"]);
        Assert.Equal(900_000L, intervals["ConsentRenewalJob-trigger"]);
        Assert.Equal(300_000L, intervals["ComplaintDeadlineJob-trigger"]);
        Assert.Equal(900_000L, intervals["CaseFollowUpJob-trigger"]); // added in this release
        Assert.Equal(60_000L, intervals["AssessorVisitJob-trigger"]); // added in a later release
        Assert.Equal(3_600_000L, intervals["ReviewDrawJob-trigger"]);
        Assert.Equal(13, intervals.Count); // the probe's gone
    }

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var db = new NpgsqlConnection(database);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The stored schedule of the app's scheduler: each trigger's interval in ms, or its cron expression and time zone.</summary>
    private static async Task<Dictionary<string, object>> ScheduleAsync(string database)
    {
        await using var db = new NpgsqlConnection(database);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT t.trigger_name, s.repeat_interval, c.cron_expression || ' ' || c.time_zone_id
            FROM qrtz_triggers t
            LEFT JOIN qrtz_simple_triggers s USING (sched_name, trigger_name, trigger_group)
            LEFT JOIN qrtz_cron_triggers c USING (sched_name, trigger_name, trigger_group)
            WHERE t.sched_name = 'DropIn'
            """, db);
        await using var reader = await command.ExecuteReaderAsync();
        var schedule = new Dictionary<string, object>();
        while (await reader.ReadAsync())
        {
            schedule.Add(reader.GetString(0), reader.IsDBNull(1) ? reader.GetString(2) : reader.GetInt64(1));
        }

        return schedule;
    }

    private static string Through(string database, CuttableLink link) =>
        new NpgsqlConnectionStringBuilder(database) { Host = "127.0.0.1", Port = link.Port }.ConnectionString;

    /// <summary>One app server's scheduler, started unless <paramref name="start"/> says not: building it stores the probe if it is not stored yet.</summary>
    private static async Task<Server> ServerAsync(string id, string database, ProbeRuns runs, bool start = true)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(runs);
        services.AddQuartz(q =>
        {
            JobsSetup.UseClusteredStore(q, database, id);
            q.AddJob<ProbeJob>(j => j.WithIdentity(ProbeJob.Key));
            q.AddTrigger(t => t.ForJob(ProbeJob.Key).WithIdentity("ProbeJob-trigger").StartNow().WithSimpleSchedule(s => s.WithInterval(Every).RepeatForever()));
        });
        var provider = services.BuildServiceProvider();
        var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler();
        if (start)
        {
            await scheduler.Start();
        }

        return new Server(provider, scheduler);
    }

    private sealed record Server(ServiceProvider Provider, IScheduler Scheduler) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            // A server whose link was cut cannot say goodbye to the database: its shutdown is given a few seconds.
            await Scheduler.Shutdown(waitForJobsToComplete: false).AsTask().WaitAsync(TimeSpan.FromSeconds(20)).ContinueWith(_ => { }, TaskScheduler.Default);
            await Provider.DisposeAsync();
        }
    }

    /// <summary>Like the app's jobs: one at a time across the cluster, and it records which server ran which scheduled time.</summary>
    [DisallowConcurrentExecution]
    private sealed class ProbeJob(ProbeRuns runs) : IJob
    {
        public static readonly JobKey Key = new(nameof(ProbeJob));

        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            runs.Add(new ProbeRun(context.Scheduler.SchedulerInstanceId, context.ScheduledFireTimeUtc!.Value, DateTimeOffset.UtcNow));
            return ValueTask.CompletedTask;
        }
    }

    private sealed record ProbeRun(string Server, DateTimeOffset ScheduledFor, DateTimeOffset RanAt);

    private sealed class ProbeRuns
    {
        private readonly ConcurrentQueue<ProbeRun> _runs = new();

        public void Add(ProbeRun run) => _runs.Enqueue(run);

        public List<ProbeRun> All() => [.. _runs];

        public ProbeRun Latest() => _runs.MaxBy(r => r.RanAt)!;

        /// <summary>Waits until <paramref name="enough"/> holds for the runs so far; fails the test after <paramref name="patience"/>.</summary>
        public async Task WaitAsync(Func<List<ProbeRun>, bool> enough, TimeSpan patience)
        {
            var until = DateTimeOffset.UtcNow + patience;
            while (!enough(All()))
            {
                Assert.True(DateTimeOffset.UtcNow < until, $"Still waiting after {patience.TotalSeconds} s; runs: {string.Join(", ", All().Select(r => $"{r.Server}@{r.ScheduledFor:HH:mm:ss}"))}");
                await Task.Delay(200);
            }
        }
    }
}
