using DropIn.Tests.Infrastructure;
using DropIn.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;

namespace DropIn.Tests.Integration;

/// <summary>The public board over Kestrel: fed by the display hub, never showing a name or a topic.</summary>
public sealed class DisplayBoardTests : IAsyncLifetime
{
    private readonly AppFactory _app = new(kestrel: true, settings: AppFactory.AlwaysOpen());
    private QueueHarness _queue = default!;

    public ValueTask InitializeAsync()
    {
        _queue = new QueueHarness(_app);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task CheckIn_ReachesHubClientsAsTheSessionIdAndTicketNumbers_NeverANameOrTopic()
    {
        var reception = await _queue.ReceptionAsync();
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(_app.ServerAddress, DisplayHub.Path)).Build();
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Read as raw JSON, as a browser gets it: everything sent is in it.
        hub.On<Guid, System.Text.Json.JsonElement>(DisplayHub.QueueChangedMessage, (id, positions) => received.TrySetResult($"{id} {positions.GetRawText()}"));
        await hub.StartAsync();

        var ticket = await _queue.CheckInAsync(reception, new("Zebedee Quartermaine", "zq99@cam.ac.uk", "Peterhouse", "Plagiarism hearing", true, "Hearing loop"));

        var message = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.StartsWith(ticket.SessionId.ToString(), message, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"A01\"", message, StringComparison.Ordinal);
        foreach (var secret in new[] { "Zebedee", "Quartermaine", "zq99", "Peterhouse", "Plagiarism", "Hearing loop" })
        {
            Assert.DoesNotContain(secret, message, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Board_ShowsTicketNumbersAndRooms_NeverNamesOrTopics()
    {
        var reception = await _queue.ReceptionAsync();
        var caseworker = await _queue.CaseworkerAsync();
        await _queue.WithQueueAsync(q => q.CheckInAsync(reception, new("Zebedee Quartermaine", "zq99@cam.ac.uk", "Peterhouse", "Plagiarism hearing", true, "Hearing loop")));
        await _queue.WithQueueAsync(q => q.CheckInAsync(reception, new("Ottoline Featherstonehaugh", null, "Clare", "Eviction notice", false, null)));
        await _queue.CallNextAsync(caseworker, "Interview room");
        using var http = new HttpClient { BaseAddress = _app.ServerAddress };

        foreach (var path in new[] { "/board", "/board/live" })
        {
            var html = await http.GetStringAsync(path);

            Assert.Contains("A01", html);
            Assert.Contains("please go to Interview room", System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", ""));
            Assert.Contains("A02", html);
            foreach (var secret in new[] { "Zebedee", "Quartermaine", "zq99", "Peterhouse", "Plagiarism", "Hearing loop", "Ottoline", "Featherstonehaugh", "Clare", "Eviction", "Sam Caseworker" })
            {
                Assert.DoesNotContain(secret, html, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    /// <summary>
    /// PostgreSQL answers asynchronously, so the page renders once before its query returns (SQLite returns at once,
    /// which hid this): the board must not need its data for that first render. Found by the scale-out smoke test.
    /// </summary>
    [Fact]
    public async Task Board_OnPostgreSQL_Opens()
    {
        await using var app = new AppFactory(postgres: true, settings: AppFactory.AlwaysOpen());
        using var http = app.CreateClient();

        using var board = await http.GetAsync("/board");

        Assert.Equal(System.Net.HttpStatusCode.OK, board.StatusCode);
        Assert.Contains("Drop-in is open until", await board.Content.ReadAsStringAsync());
    }
}
