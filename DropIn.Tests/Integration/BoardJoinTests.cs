using System.Net;
using DropIn.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

/// <summary>
/// The waiting room's ways to the student's side of the queue, as an anonymous browser gets them: the board's QR code,
/// the door poster, and the board's "you may not be seen today" when the estimate passes the session's end.
/// </summary>
public sealed class BoardJoinTests : IAsyncLifetime
{
    // Tuesday 24 November 2026, 13:00 in London: the 12:00–14:00 drop-in has an hour to run.
    private readonly FakeTimeProvider _clock = London.Clock(2026, 11, 24, 13, 0);
    private AppFactory _app = default!;
    private QueueHarness _queue = default!;

    public ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock, settings: new Dictionary<string, string?>
        {
            ["DropIn:Mail:PublicBaseUrl"] = "https://advice.example.ac.uk/",
            // The default Tuesday and Thursday, and a Friday morning: the poster reads the configured times.
            ["DropIn:Queue:Sessions:0:Day"] = "Tuesday",
            ["DropIn:Queue:Sessions:0:Start"] = "12:00",
            ["DropIn:Queue:Sessions:0:End"] = "14:00",
            ["DropIn:Queue:Sessions:1:Day"] = "Friday",
            ["DropIn:Queue:Sessions:1:Start"] = "10:00",
            ["DropIn:Queue:Sessions:1:End"] = "11:30",
            ["DropIn:Queue:Sessions:2:Day"] = "Thursday",
            ["DropIn:Queue:Sessions:2:Start"] = "12:00",
            ["DropIn:Queue:Sessions:2:End"] = "14:00",
        });
        _queue = new QueueHarness(_app);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Poster_Anonymous_ShowsTheSessionTimesTheQrCodeAndTheAddress()
    {
        using var anonymous = StaffBrowserClient.Anonymous(_app);

        using var response = await anonymous.GetAsync("/board/poster");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).Replace("<wbr>", "", StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Drop-in: join the queue from your phone", html, StringComparison.Ordinal);
        Assert.Contains("Tuesdays and Thursdays, 12:00–14:00; Fridays, 10:00–11:30", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("or go to <strong>advice.example.ac.uk/dropin</strong>", html, StringComparison.Ordinal);
        Assert.Contains("Free and confidential", html, StringComparison.Ordinal);
        // A static page to print: no circuit to hold open, no navigation.
        Assert.DoesNotContain("Blazor:{\"type\":\"server\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<nav", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Board_ShowsTheQrCodeToTheJoinPage_WithItsAddressInWords()
    {
        using var anonymous = StaffBrowserClient.Anonymous(_app);

        var html = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/board")).Replace("<wbr>", "", StringComparison.Ordinal);

        Assert.Contains("Join the queue from your phone", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("or go to <strong>advice.example.ac.uk/dropin</strong>", html, StringComparison.Ordinal);
    }

    /// <summary>
    /// With one caseworker's 20-minute default visits, two waiting at 13:30 put a new arrival's turn at 14:10, after
    /// the end; at 13:00 the same queue reaches them at 13:40. The board follows the rule that refuses a join from a phone.
    /// </summary>
    [Fact]
    public async Task Board_WhenANewArrivalsEstimatePassesTheEnd_SaysYouMayNotBeSeenToday()
    {
        var reception = await _queue.ReceptionAsync();
        await _queue.CheckInAsync(reception, "Ada Lovelace");
        await _queue.CheckInAsync(reception, "Alan Turing");
        using var anonymous = StaffBrowserClient.Anonymous(_app);

        var atOne = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/board/live"));
        _clock.SetUtcNow(London.At(2026, 11, 24, 13, 30));
        var atHalfPast = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/board/live"));

        Assert.DoesNotContain("You may not be seen today", atOne, StringComparison.Ordinal);
        Assert.Contains("Expect to wait about 40 minutes", atOne, StringComparison.Ordinal);
        Assert.Contains("You may not be seen today</strong> — please book an appointment at <span class=\"board-address\">advice.example.ac.uk/book</span>", atHalfPast, StringComparison.Ordinal);
        Assert.DoesNotContain("Expect to wait", atHalfPast, StringComparison.Ordinal);
    }
}
