using System.Diagnostics;
using System.Globalization;
using System.Text;
using DropIn.Domain.Calendar;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Features.Statistics;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DropIn.Tests.Performance;

/// <summary>
/// Seven years at a large union's volume (<see cref="SevenYearsSeed"/>): the statistics dashboard for one year and for
/// seven, and the annual report (the server-rendered page for a year; for seven years the workbook export, the same
/// report as a file), against a baseline in the same run: one bare COUNT(*) over the five tables they read. Goals
/// (issue 16): dashboard under 1 s and annual report under 2 s for any period up to seven years, with a number of SQL
/// commands that does not grow with the data. Results go to benchmarks/seven-years.md.
/// </summary>
/// <remarks>
/// Seeding takes about a minute, so the database (and the keys that encrypt it) is kept in <see cref="Folder"/> and
/// reused; delete the folder, or bump its version, when the seed changes. Migrations added since are applied on start.
/// </remarks>
public sealed class SevenYearsBenchmark(ITestOutputHelper output)
{
    private const string Folder = "/tmp/dropin-seven-years/v1";
    private const int Rounds = 5;

    [Fact(Explicit = true)]
    public async Task SevenYears_DashboardUnderASecond_AnnualReportUnderTwo()
    {
        var seeded = File.Exists(Path.Combine(Folder, "seeded"));
        if (!seeded && Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        Directory.CreateDirectory(Folder);
        var commands = new DbCommandCount();
        // Friday 14 August 2026: the seven academic years 2019–20 to 2025–26 are all over.
        var clock = London.Clock(2026, 8, 14, 10, 0);
        await using var app = new AppFactory(dataFolder: Folder, clock: clock,
            services: s => s.ConfigureDbContext<DropInDbContext>(o => o.AddInterceptors(commands), ServiceLifetime.Singleton));
        var manager = await app.StaffAsync("Mia Manager", Roles.Manager);
        var factory = app.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>();
        var seeding = Stopwatch.StartNew();
        if (!seeded)
        {
            await SevenYearsSeed.SeedAsync(factory);
            await File.WriteAllTextAsync(Path.Combine(Folder, "seeded"), DateTimeOffset.UtcNow.ToString("O"));
        }

        seeding.Stop();
        await using (var db = await factory.CreateDbContextAsync())
        {
            // Fresh statistics for the query planner, as a long-running service would have after its own ANALYZE.
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize; ANALYZE;");
        }

        using var browser = await StaffBrowserClient.SignedInAsync(app, AppFactory.EmailOf("Mia Manager"), AppFactory.StaffPassword);
        var oneYear = StatisticsPeriod.AcademicYear(2025);
        var sevenYears = new StatisticsPeriod(new YearMonth(SevenYearsSeed.FirstYear, 8), new YearMonth(SevenYearsSeed.FirstYear + SevenYearsSeed.Years, 7));
        var counts = await CountsAsync(factory);

        var baseline = await TimeAsync(commands, () => BaselineAsync(factory));
        var rows = new List<(string What, Timing Timing, double GoalMs)>
        {
            ("Dashboard, 1 year (StatisticsService.ReportAsync)", await TimeAsync(commands, () => app.UseAsync<StatisticsService, StatisticsReport>(s => s.ReportAsync(manager, oneYear))), 1000),
            ("Dashboard, 7 years (84 months)", await TimeAsync(commands, () => app.UseAsync<StatisticsService, StatisticsReport>(s => s.ReportAsync(manager, sevenYears))), 1000),
            ("Annual report, 1 year (page /statistics/annual/2025)", await TimeAsync(commands, () => browser.GetStringAsync("/statistics/annual/2025")), 2000),
            ("Annual report, 7 years (workbook export)", await TimeAsync(commands, () => browser.GetByteArrayAsync(StatisticsSetup.ExportPath(StatisticsSetup.WorkbookPath, sevenYears))), 2000),
        };

        var size = new FileInfo(Path.Combine(Folder, "dropin.db")).Length + (File.Exists(Path.Combine(Folder, "dropin.db-wal")) ? new FileInfo(Path.Combine(Folder, "dropin.db-wal")).Length : 0);
        var report = new StringBuilder()
            .AppendLine("# Statistics over seven years at a large union's volume").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores (shared with other work), in-process, SQLite file in WAL mode, monitoring answers and free text encrypted at rest as in production; p50 of {Rounds} after a warm-up.").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Data (SevenYearsSeed, Bogus names): {counts}. Database {size / 1048576.0:0} MB. {(seeded ? "Seeded earlier and reused." : $"Seeded in {seeding.Elapsed.TotalSeconds:0} s.")}").AppendLine()
            .AppendLine("Baseline: one bare `SELECT COUNT(*)` over Students, Cases, Enquiries, Tickets and Appointments.").AppendLine()
            .AppendLine("| What | p50 ms | SQL commands | baseline p50 ms | × baseline | goal ms |").AppendLine("|---|---|---|---|---|---|");
        foreach (var (what, timing, goal) in rows)
        {
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {what} | {BenchmarkReport.Ms(timing.Ms)} | {timing.Commands} | {BenchmarkReport.Ms(baseline.Ms)} | {timing.Ms / baseline.Ms:0.0} | {goal:0} |");
        }

        output.WriteLine(report.ToString());
        await File.WriteAllTextAsync(BenchmarkReport.ResultsPath("seven-years.md"), report.ToString());
        Assert.All(rows, r => Assert.True(r.Timing.Ms < r.GoalMs, $"{r.What}: {r.Timing.Ms:0} ms, goal under {r.GoalMs:0} ms."));
        // One year and seven cost the same number of commands: none is sent per month, per session or per record.
        Assert.Equal(rows[0].Timing.Commands, rows[1].Timing.Commands);
    }

    private sealed record Timing(double Ms, long Commands);

    private static async Task<string> CountsAsync(IDbContextFactory<DropInDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        var (students, records, cases) = (await db.Students.CountAsync(), await db.MonitoringRecords.CountAsync(), await db.Cases.CountAsync());
        var (enquiries, sessions, tickets, appointments) =
            (await db.Enquiries.CountAsync(), await db.DropInSessions.CountAsync(), await db.Tickets.CountAsync(), await db.Appointments.CountAsync());
        return string.Create(CultureInfo.InvariantCulture,
            $"{students:N0} students ({records:N0} monitoring records), {cases:N0} cases, {enquiries:N0} enquiries, "
            + $"{sessions:N0} drop-in sessions with {tickets:N0} visits, {appointments:N0} appointments");
    }

    private static async Task BaselineAsync(IDbContextFactory<DropInDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        await db.Database.SqlQueryRaw<long>(
            "SELECT (SELECT COUNT(*) FROM Students) + (SELECT COUNT(*) FROM Cases) + (SELECT COUNT(*) FROM Enquiries) + (SELECT COUNT(*) FROM Tickets) + (SELECT COUNT(*) FROM Appointments) AS Value")
            .SingleAsync();
    }

    /// <summary>The median of <see cref="Rounds"/> runs after one warm-up, and the commands one run sends.</summary>
    private static async Task<Timing> TimeAsync(DbCommandCount commands, Func<Task> work)
    {
        await work();
        var before = commands.Count;
        await work();
        var perRun = commands.Count - before;
        var times = new List<double>();
        for (var i = 0; i < Rounds; i++)
        {
            var watch = Stopwatch.StartNew();
            await work();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return new Timing(BenchmarkReport.Percentile(times, 0.5), perRun);
    }
}
