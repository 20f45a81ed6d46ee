using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Appointments.Booking;
using DropIn.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DropIn.Tests.Performance;

/// <summary>
/// The booking rush and check-in → screen latency on two instances sharing PostgreSQL and Redis, beside the single
/// server on its SQLite file, in the same run. The instances are two copies of the app in this process (each with its
/// own services, context pools and Redis connection), so the figures are the app's own cost of sharing a database and
/// a bus, without a network between hosts. Explicit: results go to benchmarks/scale-out.md.
/// </summary>
public sealed class ScaleOutBenchmark(ITestOutputHelper output)
{
    private const int Attempts = 600;
    private const int Concurrency = 32;
    private const int CheckIns = 40;

    [Fact(Explicit = true)]
    public async Task RushAndLiveUpdates_SingleServerAndTwoInstances()
    {
        var report = new StringBuilder()
            .AppendLine("# Scale-out: one server on SQLite against two instances on PostgreSQL and Redis").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, PostgreSQL and Redis on loopback (DropIn.Tests/ScaleOut/servers.sh). Milliseconds.").AppendLine()
            .AppendLine("## The Monday-morning rush").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{Attempts} booking attempts by different students for 50 slots, {Concurrency} at a time; on two instances every other attempt goes to each.").AppendLine()
            .AppendLine("| Deployment | Per second | p50 | p95 | max | Booked | Double bookings |").AppendLine("|---|---|---|---|---|---|---|");

        await using (var single = new AppFactory(clock: London.Clock(2026, 11, 23, 9, 0)))
        {
            report.AppendLine(await RushAsync("one server, SQLite (baseline)", single, single));
        }

        var redis = new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = TestServers.Redis, ["DropIn:Live:RedisChannel"] = $"bench:{Guid.NewGuid():N}" };
        await using (var a = new AppFactory(clock: London.Clock(2026, 11, 23, 9, 0), postgres: true, settings: redis))
        {
            _ = a.Server;
            await using var b = new AppFactory(clock: London.Clock(2026, 11, 23, 9, 0), dataFolder: a.DataFolder, postgresDatabase: a.PostgresDatabase, settings: redis);
            report.AppendLine(await RushAsync("two instances, PostgreSQL", a, b));
        }

        report.AppendLine().AppendLine("## Check-in → an open screen's subscription").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{CheckIns} check-ins, one at a time; the time from pressing Check in until a screen subscribed to the live bus hears of it.").AppendLine()
            .AppendLine("| Deployment | p50 | p95 | max |").AppendLine("|---|---|---|---|");
        await using (var single = new AppFactory(settings: AppFactory.AlwaysOpen()))
        {
            report.AppendLine(await CheckInToScreenAsync("one server, in-process bus (baseline)", single, single));
        }

        var cluster = new Dictionary<string, string?>(AppFactory.AlwaysOpen()) { ["ConnectionStrings:Redis"] = TestServers.Redis, ["DropIn:Live:RedisChannel"] = $"bench:{Guid.NewGuid():N}" };
        await using (var a = new AppFactory(postgres: true, settings: cluster))
        {
            _ = a.Server;
            await using var b = new AppFactory(dataFolder: a.DataFolder, postgresDatabase: a.PostgresDatabase, settings: cluster);
            report.AppendLine(await CheckInToScreenAsync("check-in on A, screen on B (PostgreSQL, Redis)", a, b));
        }

        await File.WriteAllTextAsync(BenchmarkReport.ResultsPath("scale-out.md"), report.ToString());
        output.WriteLine(report.ToString());
    }

    private static async Task<string> RushAsync(string name, AppFactory a, AppFactory b)
    {
        var harnesses = new[] { new AppointmentHarness(a), new AppointmentHarness(b) };
        for (var i = 0; i < 10; i++)
        {
            // Ten caseworkers, 09:00–14:00 each weekday: five slots each on Wednesday, fifty in all.
            await harnesses[0].CaseworkerAsync($"Caseworker {i}", new TimeOnly(9, 0), new TimeOnly(14, 0));
        }

        var times = Enumerable.Range(9, 5).Select(hour => London.At(2026, 11, 25, hour, 0)).ToArray();
        var outcomes = new ConcurrentBag<(bool Booked, double Ms)>();
        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Attempts)
            {
                var started = Stopwatch.GetTimestamp();
                var result = await harnesses[i % 2].StudentAsync(s => s.RequestAsync(times[i % times.Length], AppointmentHarness.Booking($"Student {i}", $"s{i}@cam.ac.uk")));
                outcomes.Add((result is BookingResult.CheckEmail, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            }
        })));
        clock.Stop();

        await using var db = await harnesses[0].DbAsync();
        var holding = await db.Appointments.Where(x => x.SlotKey != null).Select(x => new { x.StaffId, x.Start }).ToListAsync();
        var doubles = holding.GroupBy(x => (x.StaffId, x.Start)).Count(g => g.Count() > 1);
        var sorted = outcomes.Select(o => o.Ms).Order().ToList();
        Assert.Equal(0, doubles);
        Assert.Equal(50, outcomes.Count(o => o.Booked));
        return string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Attempts / clock.Elapsed.TotalSeconds:0} | {BenchmarkReport.Ms(BenchmarkReport.Percentile(sorted, 0.5))} | {BenchmarkReport.Ms(BenchmarkReport.Percentile(sorted, 0.95))} | {BenchmarkReport.Ms(sorted[^1])} | {outcomes.Count(o => o.Booked)} | {doubles} |");
    }

    private static async Task<string> CheckInToScreenAsync(string name, AppFactory a, AppFactory b)
    {
        var queue = new QueueHarness(a);
        var reception = await queue.ReceptionAsync();
        await queue.CheckInAsync(reception, "Warm-up");
        var heard = new ConcurrentQueue<long>();
        using var subscription = b.Services.GetRequiredService<ILiveUpdates>().Subscribe(change =>
        {
            if (change is QueueChanged)
            {
                heard.Enqueue(Stopwatch.GetTimestamp());
            }

            return Task.CompletedTask;
        });
        var latencies = new List<double>();
        for (var i = 0; i < CheckIns; i++)
        {
            heard.Clear();
            var started = Stopwatch.GetTimestamp();
            await queue.CheckInAsync(reception, $"Student {i}");
            var deadline = Stopwatch.StartNew();
            long at;
            while (!heard.TryPeek(out at))
            {
                Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(5), "The check-in never reached the other instance's screen.");
                await Task.Delay(1);
            }

            latencies.Add(Stopwatch.GetElapsedTime(started, at).TotalMilliseconds);
        }

        latencies.Sort();
        return string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {BenchmarkReport.Ms(BenchmarkReport.Percentile(latencies, 0.5))} | {BenchmarkReport.Ms(BenchmarkReport.Percentile(latencies, 0.95))} | {BenchmarkReport.Ms(latencies[^1])} |");
    }
}
