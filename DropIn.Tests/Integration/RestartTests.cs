using DropIn.Domain.Queue;
using DropIn.Tests.Infrastructure;

namespace DropIn.Tests.Integration;

public sealed class RestartTests
{
    [Fact]
    public async Task Restart_InTheMiddleOfASession_LosesNoTicketAndNoState()
    {
        var folder = TempFolder.Create();
        var clock = London.Clock(2026, 11, 24, 12, 30);
        Guid calledId;
        await using (var before = new AppFactory(folder, clock))
        {
            var queue = new QueueHarness(before);
            var reception = await queue.ReceptionAsync();
            var caseworker = await queue.CaseworkerAsync();
            await queue.CheckInAsync(reception, "Ada Lovelace");
            var moved = await queue.CheckInAsync(reception, "Alan Turing");
            await queue.CheckInAsync(reception, "Grace Hopper", urgent: true);
            await queue.WithQueueAsync(q => q.MoveUpAsync(reception, moved.Id, "Exam at 13:00"));
            calledId = (await queue.CallNextAsync(caseworker, "Interview room"))!.Id;
        }

        clock.Advance(TimeSpan.FromMinutes(5));
        await using var after = new AppFactory(folder, clock);
        var restarted = new QueueHarness(after);
        var view = await restarted.ViewAsync(await restarted.ReceptionAsync());
        var next = await restarted.CheckInAsync(await restarted.ReceptionAsync(), "Katherine Johnson");

        var withCaseworker = Assert.Single(view.WithCaseworkers);
        Assert.Equal(calledId, withCaseworker.Id);
        Assert.Equal("Alan Turing", withCaseworker.Name);
        Assert.Equal("Interview room", withCaseworker.Room);
        Assert.Equal(["Grace Hopper", "Ada Lovelace"], view.Waiting.Select(w => w.Ticket.Name));
        Assert.Equal(SessionState.Open, view.State);
        Assert.Equal("A04", next.Code);
    }
}
