using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Appointments;
using DropIn.Web.Features.Appointments.Booking;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Tests.Performance;

/// <summary>
/// The Monday-morning rush: 1,000 students try for 50 appointment slots at once. Baseline: bare single-row SQLite
/// transactions with the same concurrency, in the same run. Results go to benchmarks/booking-rush.md.
/// </summary>
public sealed class BookingRushBenchmark(ITestOutputHelper output)
{
    private const int Attempts = 1000;
    private const int Concurrency = 32;

    [Fact(Explicit = true)]
    public async Task MondayMorningRush()
    {
        var baseline = await BareTransactionsAsync();

        await using var app = new AppFactory(clock: London.Clock(2026, 11, 23, 9, 0));
        var h = new AppointmentHarness(app);
        for (var i = 0; i < 10; i++)
        {
            // Ten caseworkers, 09:00–14:00 each weekday: five slots each on Wednesday, fifty in all.
            await h.CaseworkerAsync($"Caseworker {i}", new TimeOnly(9, 0), new TimeOnly(14, 0));
        }

        // One booking first, on Thursday, so that start-up costs (the first query plans, the first shared read) are not counted.
        await h.StudentAsync(s => s.RequestAsync(London.At(2026, 11, 26, 9, 0), AppointmentHarness.Booking("Warm Up", "wu1@cam.ac.uk")));
        var times = Enumerable.Range(9, 5).Select(hour => London.At(2026, 11, 25, hour, 0)).ToArray();
        var outcomes = new ConcurrentBag<(bool Booked, double Ms, double At)>();
        var clock = Stopwatch.StartNew();
        await RunConcurrentlyAsync(Attempts, async i =>
        {
            var started = Stopwatch.GetTimestamp();
            var result = await h.StudentAsync(s => s.RequestAsync(times[i % times.Length], AppointmentHarness.Booking($"Student {i}", $"s{i}@cam.ac.uk")));
            outcomes.Add((result is BookingResult.CheckEmail, Stopwatch.GetElapsedTime(started).TotalMilliseconds, clock.Elapsed.TotalSeconds));
        });
        clock.Stop();

        await using var db = await h.DbAsync();
        var holding = await db.Appointments.Where(a => a.SlotKey != null).Select(a => new { a.StaffId, a.Start }).ToListAsync();
        var doubleBookings = holding.GroupBy(a => (a.StaffId, a.Start)).Count(g => g.Count() > 1);
        var latencies = outcomes.Select(o => o.Ms).Order().ToList();
        var booked = outcomes.Count(o => o.Booked);
        var filledAfter = outcomes.Where(o => o.Booked).Max(o => o.At);

        var report = new StringBuilder()
            .AppendLine("# The Monday-morning rush").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores: {Attempts} booking attempts by different students for 50 slots (10 caseworkers × 5 times), {Concurrency} at a time, SQLite file in WAL mode.").AppendLine()
            .AppendLine("| Run | Completed | Per second | p50 ms | p95 ms | max ms |").AppendLine("|---|---|---|---|---|---|")
            .AppendLine(Row("bare single-row SQLite transactions (baseline)", baseline.Count, baseline.Elapsed, baseline.Latencies))
            .AppendLine(Row("booking attempts (all outcomes)", Attempts, clock.Elapsed, latencies))
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Bookings made: {booked} (slots: 50). Told \"just taken\": {Attempts - booked}. Double bookings: **{doubleBookings}**.")
            .AppendLine(CultureInfo.InvariantCulture, $"All {booked} slots were taken {filledAfter:0.00} s into the rush: {booked / filledAfter:0.0} completed bookings per second while slots remained ({booked / clock.Elapsed.TotalSeconds:0.0} over the whole run, which goes on answering \"just taken\" with the nearest free times).")
            .AppendLine(CultureInfo.InvariantCulture, $"Attempts per second against the baseline's transactions per second: {Attempts / clock.Elapsed.TotalSeconds / (baseline.Count / baseline.Elapsed.TotalSeconds):0.00}.");
        await File.WriteAllTextAsync(BenchmarkReport.ResultsPath("booking-rush.md"), report.ToString());
        output.WriteLine(report.ToString());

        Assert.Equal(0, doubleBookings);
        Assert.Equal(50, booked);
    }

    private static string Row(string name, int count, TimeSpan elapsed, List<double> sorted) =>
        string.Create(CultureInfo.InvariantCulture, $"| {name} | {count} | {count / elapsed.TotalSeconds:0} | {BenchmarkReport.Ms(BenchmarkReport.Percentile(sorted, 0.5))} | {BenchmarkReport.Ms(BenchmarkReport.Percentile(sorted, 0.95))} | {BenchmarkReport.Ms(sorted[^1])} |");

    /// <summary>The floor: one immediate transaction inserting one row, as many and as concurrent as the bookings.</summary>
    private static async Task<(int Count, TimeSpan Elapsed, List<double> Latencies)> BareTransactionsAsync()
    {
        var file = Path.Combine(TempFolder.Create(), "baseline.db");
        var connectionString = $"Data Source={file}";
        await using (var setup = new SqliteConnection(connectionString))
        {
            await setup.OpenAsync();
            await using var command = setup.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE Rows (Id TEXT PRIMARY KEY, Value TEXT NOT NULL);";
            await command.ExecuteNonQueryAsync();
        }

        var latencies = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        await RunConcurrentlyAsync(Attempts, async i =>
        {
            var started = Stopwatch.GetTimestamp();
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = "INSERT INTO Rows (Id, Value) VALUES ($id, $value)";
            insert.Parameters.AddWithValue("$id", Guid.NewGuid().ToString());
            insert.Parameters.AddWithValue("$value", $"row {i}");
            await insert.ExecuteNonQueryAsync();
            await tx.CommitAsync();
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        });
        clock.Stop();
        return (Attempts, clock.Elapsed, latencies.Order().ToList());
    }

    private static async Task RunConcurrentlyAsync(int count, Func<int, Task> attempt)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await attempt(i);
            }
        })));
    }
}
