using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Features.Queue;
using DropIn.Web.Features.Queue.Online;
using DropIn.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DropIn.Tests.Performance;

/// <summary>
/// 500 students following their place on their phones' private pages while reception checks students in and a
/// caseworker calls the next: the time from the action to each page showing it, against a bare SignalR broadcast of
/// the same message to the same 500 clients (the baseline, same run), and the memory an open status page costs.
/// Each client does what queue-status.js does: it reads its place from the positions the message carries, and fetches
/// its panel only when its stage changes. Explicit: results go to benchmarks/student-queue.md.
/// </summary>
public sealed partial class StatusPageBenchmark(ITestOutputHelper output)
{
    private const int Pages = 500;
    private const int Rounds = 20;

    [Fact(Explicit = true)]
    public async Task FiveHundredStatusPages()
    {
        var settings = AppFactory.AlwaysOpen();
        settings["DropIn:Queue:Cap"] = "1000";
        settings["DropIn:Queue:DefaultVisitMinutes"] = "1";
        await using var app = new AppFactory(kestrel: true, settings: settings);
        var queue = new QueueHarness(app);
        var reception = await queue.ReceptionAsync();
        var caseworker = await queue.CaseworkerAsync();
        var tokens = await JoinAsync(app, Pages + Rounds);

        // One HTTP client for all pages, as the server sees many phones: the measure is of the server, not of 500 client pools.
        using var http = new HttpClient { BaseAddress = app.ServerAddress };
        var before = BenchmarkReport.Memory();
        var clients = new List<StatusClient>();
        foreach (var token in tokens.Skip(Rounds))
        {
            clients.Add(await StatusClient.OpenAsync(app.ServerAddress, http, token));
        }

        var after = BenchmarkReport.Memory();
        var hub = app.Services.GetRequiredService<IHubContext<DisplayHub>>();
        var sessionId = (await queue.ViewAsync(reception)).Session.Id;
        var positions = await app.UseAsync<QueueService, QueuePositions?>(q => q.GetPositionsAsync(sessionId));

        Func<Task> broadcast = () => hub.Clients.All.SendAsync(DisplayHub.QueueChangedMessage, sessionId, positions);
        await MeasureAsync(clients, broadcast); // warm-up, not reported: the first messages pay for compiling the clients' paths
        var baseline = await MeasureAsync(clients, broadcast);
        var round = 0;
        var checkIn = await MeasureAsync(clients, () => queue.CheckInAsync(reception, $"Desk {round++}"));
        // The first Rounds online tickets are at the front, so each call takes one of them and every page's place moves.
        var callNext = await MeasureAsync(clients, async () =>
        {
            var called = await queue.CallNextAsync(caseworker);
            await queue.WithQueueAsync(q => q.FinishAsync(caseworker, called!.Id, DropIn.Domain.Queue.VisitOutcome.AdviceGiven));
        });
        var fetches = clients.Sum(c => c.Fetches) - clients.Count; // less each page's first view

        var report = new StringBuilder();
        report.AppendLine("# Students' status pages: queue change to phone").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores: {Pages} open status pages (SignalR clients doing what queue-status.js does), {Rounds} actions per row, in-process over Kestrel. Milliseconds from the action's start to each page showing it.").AppendLine();
        report.AppendLine("| Path | p50 | p95 | max | p95 ratio to baseline |").AppendLine("|---|---|---|---|---|");
        report.AppendLine(Row("bare SignalR broadcast of the same message (baseline)", baseline, baseline));
        report.AppendLine(Row("check-in at the desk → every status page", checkIn, baseline));
        report.AppendLine(Row("call next (and finish) → every status page", callNext, baseline));
        report.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Panels fetched by the {Pages} pages over the {2 * Rounds} queue changes: {fetches} (a page fetches only when its own stage changes).");
        report.AppendLine().AppendLine("## Memory per open status page").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Managed heap {before.Managed:0.0} MB → {after.Managed:0.0} MB with {Pages} pages connected: {(after.Managed - before.Managed) * 1024 / Pages:0.0} KB per page, the server's and the client's side of each SignalR connection together (they share the process); the server's own share, with the clients in a process of their own, is in student-queue-memory.md. A status page holds no Blazor circuit (live-updates.md: about 945 KB per open staff queue page).");
        await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));

        var path = BenchmarkReport.ResultsPath("student-queue.md");
        await File.WriteAllTextAsync(path, report.ToString());
        output.WriteLine(report.ToString());
    }

    /// <summary>Joins <paramref name="count"/> students through the join form's service and takes each place through its link.</summary>
    private static async Task<List<string>> JoinAsync(AppFactory app, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await app.UseAsync<OnlineQueueService>(o => o.JoinAsync($"S{i}", $"s{i}@cam.ac.uk", "Housing", false, null));
        }

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync();
        var tokens = (await db.Outbox.AsNoTracking().Where(m => m.Subject == OnlineQueueEmails.JoinSubject).ToListAsync())
            .OrderBy(m => int.Parse(m.To[1..m.To.IndexOf('@', StringComparison.Ordinal)], CultureInfo.InvariantCulture))
            .Select(m => Link().Match(m.TextBody).Groups[1].Value).ToList();
        foreach (var token in tokens)
        {
            await app.UseAsync<OnlineQueueService>(o => o.TakeAsync(token));
        }

        return tokens;
    }

    private static async Task<List<double>> MeasureAsync(List<StatusClient> clients, Func<Task> act)
    {
        var latencies = new List<double>();
        for (var r = 0; r < Rounds; r++)
        {
            clients.ForEach(c => c.Reset());
            var start = Stopwatch.GetTimestamp();
            await act();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (clients.Any(c => c.ShownAt is null) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(2);
            }

            latencies.AddRange(clients.Where(c => c.ShownAt is not null).Select(c => Stopwatch.GetElapsedTime(start, c.ShownAt!.Value).TotalMilliseconds));
            await Task.Delay(100);
        }

        return latencies;
    }

    /// <summary>One phone's status page: its hub connection, and its panel fetched when its stage changes.</summary>
    private sealed class StatusClient : IAsyncDisposable
    {
        private readonly HubConnection _connection;
        private readonly HttpClient _http;
        private readonly string _token;
        private string _code = "";
        private string _stage = "";

        private StatusClient(HubConnection connection, HttpClient http, string token) => (_connection, _http, _token) = (connection, http, token);

        public long? ShownAt { get; private set; }

        public int Fetches { get; private set; }

        public static async Task<StatusClient> OpenAsync(Uri server, HttpClient http, string token)
        {
            var client = new StatusClient(new HubConnectionBuilder().WithUrl(new Uri(server, DisplayHub.Path)).Build(), http, token);
            await client.FetchAsync();
            client._connection.On<Guid, QueuePositions?>(DisplayHub.QueueChangedMessage, client.OnChangedAsync);
            await client._connection.StartAsync();
            return client;
        }

        public void Reset() => ShownAt = null;

        private async Task OnChangedAsync(Guid sessionId, QueuePositions? positions)
        {
            var ahead = positions?.Waiting.ToList().FindIndex(w => w.Code == _code) ?? -1;
            var stage = positions is null ? "?" : positions.Calling.Any(c => c.Code == _code) ? "called" : ahead < 0 ? "other" : ahead <= 2 ? "nearly" : "waiting";
            if (stage != _stage)
            {
                await FetchAsync();
            }

            ShownAt ??= Stopwatch.GetTimestamp();
        }

        private async Task FetchAsync()
        {
            var panel = await _http.GetStringAsync(OnlineQueuePaths.Live(_token));
            Fetches++;
            _code = Attribute().Match(panel) is { Success: true } code ? code.Groups[1].Value : "";
            _stage = Stage().Match(panel).Groups[1].Value;
        }

        public ValueTask DisposeAsync() => _connection.DisposeAsync();
    }

    private static string Row(string path, List<double> latencies, List<double> baseline)
    {
        var sorted = latencies.Order().ToList();
        var ratio = BenchmarkReport.Percentile(sorted, 0.95) / Math.Max(0.001, BenchmarkReport.Percentile([.. baseline.Order()], 0.95));
        return string.Create(CultureInfo.InvariantCulture, $"| {path} | {BenchmarkReport.Percentile(sorted, 0.5):0.0} | {BenchmarkReport.Percentile(sorted, 0.95):0.0} | {sorted.LastOrDefault():0.0} | {ratio:0.00} |");
    }

    [GeneratedRegex("/dropin/t/([A-Za-z0-9_-]+)")]
    private static partial Regex Link();

    [GeneratedRegex("data-code=\"([A-Z0-9]+)\"")]
    private static partial Regex Attribute();

    [GeneratedRegex("data-stage=\"([a-z]+)\"")]
    private static partial Regex Stage();
}
