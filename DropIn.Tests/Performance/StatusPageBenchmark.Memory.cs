using System.Diagnostics;
using System.Globalization;
using System.Text;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Queue.Online;

namespace DropIn.Tests.Performance;

/// <summary>
/// The server's own memory per open status page: the 500 pages' SignalR clients run in a process of their own (this
/// test assembly again, running only <see cref="HoldStatusPages"/>), so the server's managed heap, measured before
/// and while they are connected, holds only the server's side of each connection. Goal (issue 15): under 50 KB a page.
/// Explicit: results go to benchmarks/student-queue-memory.md.
/// </summary>
public sealed partial class StatusPageBenchmark
{
    private const string ServerVariable = "DROPIN_BENCH_SERVER";
    private const string TokensVariable = "DROPIN_BENCH_TOKENS";
    private const string SignalVariable = "DROPIN_BENCH_SIGNAL";

    [Fact(Explicit = true)]
    public async Task ServerMemoryPerStatusPage_ClientsInTheirOwnProcess()
    {
        var settings = AppFactory.AlwaysOpen();
        settings["DropIn:Queue:Cap"] = "1000";
        settings["DropIn:Queue:DefaultVisitMinutes"] = "1"; // so 500 waiting still fit before the session's end
        await using var app = new AppFactory(kestrel: true, settings: settings);
        var tokens = await JoinAsync(app, Pages);
        var folder = Directory.CreateTempSubdirectory("dropin-status-pages-");
        var tokensFile = Path.Combine(folder.FullName, "tokens.txt");
        var signal = Path.Combine(folder.FullName, "signal");
        await File.WriteAllLinesAsync(tokensFile, tokens);

        // One page opened and closed first, so what the first page alone costs (compiling its paths) is not counted per page.
        using (var http = new HttpClient { BaseAddress = app.ServerAddress })
        {
            await using var first = await StatusClient.OpenAsync(app.ServerAddress, http, tokens[0]);
        }

        var before = BenchmarkReport.Memory();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { typeof(StatusPageBenchmark).Assembly.Location, "-method", $"{typeof(StatusPageBenchmark).FullName}.{nameof(HoldStatusPages)}", "-explicit", "on" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { [ServerVariable] = app.ServerAddress.ToString(), [TokensVariable] = tokensFile, [SignalVariable] = signal },
        };
        using var clients = Process.Start(start)!;
        var childOutput = clients.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (!File.Exists(signal + ".ready") && !clients.HasExited && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.True(File.Exists(signal + ".ready"), "The clients' process did not connect its pages: " + (clients.HasExited ? await childOutput : "timed out"));
        await Task.Delay(2000); // let the last connections' handshakes finish on the server
        var during = BenchmarkReport.Memory();
        await File.WriteAllTextAsync(signal + ".stop", "");
        await clients.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, clients.ExitCode);

        var perPage = (during.Managed - before.Managed) * 1024 / Pages;
        var report = new StringBuilder();
        report.AppendLine("# Students' status pages: the server's memory per open page").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores. {Pages} status pages (each a SignalR connection to the display hub, having fetched its panel once, as queue-status.js does) connected from a separate process, so the server's heap holds only its own side. Managed heap after a full collection.").AppendLine();
        report.AppendLine("| | managed heap MB | working set MB |").AppendLine("|---|---|---|");
        report.AppendLine(CultureInfo.InvariantCulture, $"| server, no page open (after one was opened and closed) | {before.Managed:0.0} | {before.WorkingSet:0.0} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| server, {Pages} pages open | {during.Managed:0.0} | {during.WorkingSet:0.0} |");
        report.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"**{perPage:0.0} KB of managed heap per open status page** (goal: under 50 KB); working set {(during.WorkingSet - before.WorkingSet) * 1024 / Pages:0.0} KB per page. A status page holds no Blazor circuit.");
        await File.WriteAllTextAsync(BenchmarkReport.ResultsPath("student-queue-memory.md"), report.ToString());
        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());
        folder.Delete(recursive: true);
    }

    /// <summary>
    /// The clients' side of <see cref="ServerMemoryPerStatusPage_ClientsInTheirOwnProcess"/>, started by it in a process
    /// of its own: opens a status page for each token, says so, and holds them until told to stop. Run on its own, with
    /// no server named, it has nothing to do.
    /// </summary>
    [Fact(Explicit = true)]
    public async Task HoldStatusPages()
    {
        if (Environment.GetEnvironmentVariable(ServerVariable) is not { } address)
        {
            return;
        }

        var server = new Uri(address);
        var signal = Environment.GetEnvironmentVariable(SignalVariable)!;
        using var http = new HttpClient { BaseAddress = server };
        var clients = new List<StatusClient>();
        foreach (var token in await File.ReadAllLinesAsync(Environment.GetEnvironmentVariable(TokensVariable)!, TestContext.Current.CancellationToken))
        {
            clients.Add(await StatusClient.OpenAsync(server, http, token));
        }

        await File.WriteAllTextAsync(signal + ".ready", "", TestContext.Current.CancellationToken);
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (!File.Exists(signal + ".stop") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
    }
}
