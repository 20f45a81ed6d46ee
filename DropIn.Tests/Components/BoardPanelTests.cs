using Bunit;
using DropIn.Domain.Queue;
using DropIn.Tests.Domain;
using DropIn.Web.Features.Queue;
using DropIn.Web.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DropIn.Tests.Components;

/// <summary>The waiting-room board's panel: what a person looking up from the waiting room reads.</summary>
public sealed class BoardPanelTests : MudTestContext
{
    private static readonly DateTimeOffset Noon = QueueTestData.TuesdayNoon;

    public BoardPanelTests() =>
        Services.AddSingleton(Options.Create(new MailOptions { PublicBaseUrl = "https://advice.example.ac.uk/" }));

    private static BoardView Open(int newArrivalWaitMinutes = 40, bool pastClose = false, string? notice = null) =>
        new(SessionState.Open, Noon, Noon.AddHours(2),
            [new BoardCall("A03", "Advice room 2")],
            [new BoardWaiting("A04", 0), new BoardWaiting("A05", 20)],
            newArrivalWaitMinutes,
            null,
            pastClose,
            notice);

    [Fact]
    public void BoardPanel_ShowsCallsWaitsAndArrivalEstimate()
    {
        var board = Render<BoardPanel>(p => p.Add(b => b.View, Open()));

        Assert.Contains("open until 14:00", board.Find(".board-status").TextContent);
        Assert.Equal("A03 please go to Advice room 2", board.Find(".board-calling li").TextContent.Trim());
        Assert.Equal(["A04 next", "A05 about 20 min"], board.FindAll(".board-waiting li").Select(li => li.TextContent.Trim()));
        Assert.Contains("about 40 minutes", board.Find(".board-arrival").TextContent);
        Assert.DoesNotContain("may not be seen today", board.Markup);
        Assert.Empty(board.FindAll(".board-notice"));
    }

    [Fact]
    public void BoardPanel_Closed_ShowsTheNextSession()
    {
        var view = new BoardView(SessionState.Closed, Noon, Noon.AddHours(2), [], [], 0, QueueTestData.TuesdayNoon.AddDays(2), false, null);

        var board = Render<BoardPanel>(p => p.Add(b => b.View, view));

        Assert.Equal("Drop-in is closed. Next drop-in: Thursday 26 November, 12:00", board.Find(".board-status").TextContent);
        Assert.Empty(board.FindAll(".board-arrival"));
    }

    [Fact]
    public void BoardPanel_EstimatePastTheEnd_SaysYouMayNotBeSeenToday_AndWhereToBook()
    {
        var board = Render<BoardPanel>(p => p.Add(b => b.View, Open(newArrivalWaitMinutes: 130, pastClose: true)));

        Assert.Equal(
            "You may not be seen today — please book an appointment at advice.example.ac.uk/book",
            board.Find(".board-past-close").TextContent.Trim());
        // No promise of a wait that runs past the end: the message replaces it. The queue itself is still shown.
        Assert.Empty(board.FindAll(".board-arrival"));
        Assert.Equal(2, board.FindAll(".board-waiting li").Count);
    }

    [Fact]
    public void BoardPanel_WithTheSessionsMessage_ShowsItAboveTheQueue()
    {
        var board = Render<BoardPanel>(p => p.Add(b => b.View, Open(notice: "We're running 20 minutes late")));

        var notice = board.Find(".board-notice");
        Assert.Equal("We're running 20 minutes late", notice.TextContent.Trim());
        // Read before the queue: it comes before "Now calling" in the panel.
        Assert.True(board.Markup.IndexOf("board-notice", StringComparison.Ordinal) < board.Markup.IndexOf("Now calling", StringComparison.Ordinal));
    }
}
