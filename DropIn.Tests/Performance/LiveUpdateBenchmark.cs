using System.Diagnostics;
using System.Globalization;
using System.Text;
using DropIn.Tests.Browser;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Live;
using DropIn.Web.Security;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DropIn.Tests.Performance;

/// <summary>
/// How fast a check-in reaches open screens, against a bare SignalR broadcast of the same size on the same host
/// (the baseline, measured in the same run). Explicit: run with the benchmark command in docs/operations.md; results
/// go to benchmarks/live-updates.md.
/// </summary>
public sealed class LiveUpdateBenchmark(BrowserFixture browser, ITestOutputHelper output)
{
    private const int Rounds = 20;

    [Fact(Explicit = true)]
    public async Task CheckInToScreens()
    {
        var report = new StringBuilder();
        report.AppendLine("# Live updates: check-in to screen").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, {Rounds} check-ins per row. Milliseconds.").AppendLine();
        report.AppendLine("| Clients | Path | p50 | p95 | max | Ratio to baseline |").AppendLine("|---|---|---|---|---|---|");

        await using var app = new AppFactory(kestrel: true, settings: AppFactory.AlwaysOpen());
        var queue = new QueueHarness(app);
        var reception = await queue.ReceptionAsync();
        var hubContext = app.Services.GetRequiredService<IHubContext<DisplayHub>>();
        var round = 0;

        foreach (var clients in new[] { 10, 100, 500 })
        {
            var connections = await ConnectAsync(app.ServerAddress, clients);
            var baseline = await MeasureHubAsync(connections, () => hubContext.Clients.All.SendAsync(DisplayHub.QueueChangedMessage, Guid.NewGuid(), null));
            var checkIn = await MeasureHubAsync(connections, () => queue.CheckInAsync(reception, $"Bench {round++}"));
            report.AppendLine(Row(clients, "bare SignalR broadcast (baseline)", baseline, baseline));
            report.AppendLine(Row(clients, "check-in → display hub", checkIn, baseline));
            await Task.WhenAll(connections.Select(c => c.Connection.DisposeAsync().AsTask()));
        }

        // Goal (issue 16): with 100 open staff queue screens, check-in → DOM p95 at most twice what it is with one.
        List<double>? onePage = null;
        foreach (var pageCount in new[] { 1, 20, 100 })
        {
            var latencies = await MeasurePagesAsync(pageCount);
            onePage ??= latencies;
            report.AppendLine(Row(pageCount, "check-in → open Blazor queue pages (DOM shows the student)", latencies, null, onePage));
        }

        var path = BenchmarkReport.ResultsPath("live-updates.md");
        await File.WriteAllTextAsync(path, report.ToString());
        output.WriteLine(report.ToString());
    }

    /// <summary>The server's memory per open page, by page: results go to benchmarks/circuit-memory.md.</summary>
    [Fact(Explicit = true)]
    public async Task MemoryPerOpenPage()
    {
        var report = new StringBuilder().AppendLine("# Server memory per open Blazor page").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC: the managed heap after a full collection before and with 100 pages open (one signed-in caseworker, 12 students waiting), divided by 100.").AppendLine()
            .AppendLine("Goals (issue 16): at most 300 KB a queue page, 150 KB a home page.").AppendLine();

        foreach (var (address, name) in new[] { ("/queue", "queue"), ("/", "home") })
        {
            await using var busy = await BusySessionAsync();
            var before = BenchmarkReport.Memory();
            var hundred = await OpenPagesAsync(busy.App, 100, address);
            await Task.Delay(2000);
            var after = BenchmarkReport.Memory();
            report.AppendLine(CultureInfo.InvariantCulture, $"- {name} (`{address}`): managed heap {before.Managed:0.0} MB → {after.Managed:0.0} MB ({(after.Managed - before.Managed) * 1024 / 100:0} KB per page); working set {before.WorkingSet:0} MB → {after.WorkingSet:0} MB.");
            await HeapDumpAsync(name);
            await CloseAsync(hundred);
        }

        await File.WriteAllTextAsync(BenchmarkReport.ResultsPath("circuit-memory.md"), report.ToString());
        output.WriteLine(report.ToString());
    }

    /// <summary>Each measured student is then marked as left, so the queue stays the size a busy session has.</summary>
    private async Task<List<double>> MeasurePagesAsync(int pageCount)
    {
        await using var busy = await BusySessionAsync();
        var (app, queue, reception) = (busy.App, busy.Queue, busy.Reception);
        var pages = await OpenPagesAsync(app, pageCount, "/queue");
        var latencies = new List<double>();
        for (var i = 0; i < Rounds; i++)
        {
            var name = $"Page bench {i}";
            var arrivals = pages.Select(p => p.EvaluateAsync<double>(WaitForText, name)).ToList();
            await Task.Delay(100);
            var started = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var ticket = await queue.CheckInAsync(reception, name);
            latencies.AddRange((await Task.WhenAll(arrivals)).Select(arrived => arrived - started));
            await queue.WithQueueAsync(q => q.MarkLeftAsync(reception, ticket.Id));
            await Task.Delay(200);
        }

        await CloseAsync(pages);
        return latencies;
    }

    private sealed record BusySession(AppFactory App, QueueHarness Queue, System.Security.Claims.ClaimsPrincipal Reception) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    /// <summary>A fresh app in the middle of a busy session: twelve students waiting.</summary>
    private static async Task<BusySession> BusySessionAsync()
    {
        var app = new AppFactory(kestrel: true, settings: AppFactory.AlwaysOpen());
        var queue = new QueueHarness(app);
        var reception = await queue.ReceptionAsync();
        for (var i = 0; i < 12; i++)
        {
            await queue.CheckInAsync(reception, $"Waiting {i}");
        }

        return new BusySession(app, queue, reception);
    }

    private const string WaitForText = """
        name => new Promise(resolve => {
            if (document.body.innerText.includes(name)) { resolve(Date.now()); return; }
            const observer = new MutationObserver(() => {
                if (document.body.innerText.includes(name)) { observer.disconnect(); resolve(Date.now()); }
            });
            observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        })
        """;

    private sealed record Client(HubConnection Connection, List<long> Arrivals);

    private static async Task<List<Client>> ConnectAsync(Uri server, int count)
    {
        var clients = new List<Client>();
        for (var i = 0; i < count; i++)
        {
            var connection = new HubConnectionBuilder().WithUrl(new Uri(server, DisplayHub.Path)).Build();
            var arrivals = new List<long>();
            connection.On<Guid, DropIn.Web.Features.Queue.QueuePositions?>(DisplayHub.QueueChangedMessage, (_, _) =>
            {
                lock (arrivals)
                {
                    arrivals.Add(Stopwatch.GetTimestamp());
                }
            });
            await connection.StartAsync();
            clients.Add(new Client(connection, arrivals));
        }

        return clients;
    }

    /// <summary>Latency from the start of <paramref name="act"/> to each client's receipt, over all rounds.</summary>
    private static async Task<List<double>> MeasureHubAsync(List<Client> clients, Func<Task> act)
    {
        var latencies = new List<double>();
        for (var r = 0; r < Rounds; r++)
        {
            clients.ForEach(c => { lock (c.Arrivals) { c.Arrivals.Clear(); } });
            var start = Stopwatch.GetTimestamp();
            await act();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (clients.Any(c => { lock (c.Arrivals) { return c.Arrivals.Count == 0; } }) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(2);
            }

            foreach (var c in clients)
            {
                lock (c.Arrivals)
                {
                    latencies.AddRange(c.Arrivals.Take(1).Select(a => Stopwatch.GetElapsedTime(start, a).TotalMilliseconds));
                }
            }

            await Task.Delay(50);
        }

        return latencies;
    }

    /// <summary>
    /// With DROPIN_GCDUMP_FOLDER set, a heap snapshot of this process while the pages are open, for
    /// <c>dotnet-gcdump report</c> (needs the dotnet-gcdump tool on the PATH): what the memory per page is made of.
    /// </summary>
    private async Task HeapDumpAsync(string name)
    {
        if (Environment.GetEnvironmentVariable("DROPIN_GCDUMP_FOLDER") is not { Length: > 0 } folder)
        {
            return;
        }

        var start = new ProcessStartInfo("dotnet-gcdump", ["collect", "-p", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), "-o", Path.Combine(folder, $"{name}.gcdump")]);
        using var dump = Process.Start(start) ?? throw new InvalidOperationException("dotnet-gcdump did not start");
        await dump.WaitForExitAsync();
        output.WriteLine($"gcdump {name}: exit {dump.ExitCode}");
    }

    private async Task<List<IPage>> OpenPagesAsync(AppFactory app, int count, string path)
    {
        var email = AppFactory.EmailOf("Bench Caseworker");
        await app.StaffAsync("Bench Caseworker", Roles.Caseworker);
        var first = await Pages.SignedInPageAsync(browser.Browser, app.ServerAddress, email, AppFactory.StaffPassword, Pages.Tablet);
        var pages = new List<IPage> { first };
        while (pages.Count < count)
        {
            pages.Add(await first.Context.NewPageAsync());
        }

        foreach (var page in pages)
        {
            await Pages.GotoInteractiveAsync(page, path);
        }

        return pages;
    }

    private static async Task CloseAsync(List<IPage> pages)
    {
        foreach (var context in pages.Select(p => p.Context).Distinct())
        {
            await context.CloseAsync();
        }
    }

    /// <summary>A table row; the p50 ratio to <paramref name="baseline"/> (the bare broadcast), or the p95 ratio to <paramref name="onePage"/>.</summary>
    private static string Row(int clients, string path, List<double> latencies, List<double>? baseline, List<double>? onePage = null)
    {
        var sorted = latencies.Order().ToList();
        var ratio = baseline is not null ? (BenchmarkReport.Percentile(sorted, 0.5) / Math.Max(0.001, BenchmarkReport.Percentile([.. baseline.Order()], 0.5))).ToString("0.00", CultureInfo.InvariantCulture)
            : onePage is not null ? "p95 " + (BenchmarkReport.Percentile(sorted, 0.95) / Math.Max(0.001, BenchmarkReport.Percentile([.. onePage.Order()], 0.95))).ToString("0.00", CultureInfo.InvariantCulture) + " × one page"
            : "–";
        return string.Create(CultureInfo.InvariantCulture, $"| {clients} | {path} | {BenchmarkReport.Percentile(sorted, 0.5):0.0} | {BenchmarkReport.Percentile(sorted, 0.95):0.0} | {sorted.LastOrDefault():0.0} | {ratio} |");
    }

}
