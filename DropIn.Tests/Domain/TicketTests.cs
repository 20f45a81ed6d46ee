using DropIn.Domain;
using DropIn.Domain.Queue;
using static DropIn.Tests.Domain.QueueTestData;

namespace DropIn.Tests.Domain;

public sealed class TicketTests
{
    private readonly DropInSession _session = OpenTuesday();

    [Fact]
    public void Next_IsEarliestArrival_WhenNobodyHasPriority()
    {
        var first = _session.CheckIn(Student("First"), TuesdayNoon.AddMinutes(1));
        var second = _session.CheckIn(Student("Second"), TuesdayNoon.AddMinutes(2));

        Assert.Same(first, QueueOrder.Next([second, first]));
    }

    [Fact]
    public void Waiting_UrgentDeadlineGoesBeforeEarlierArrivals_MovedUpBeforeUrgent()
    {
        var early = _session.CheckIn(Student("Early"), TuesdayNoon.AddMinutes(1));
        var urgent = _session.CheckIn(Student("Urgent", urgent: true), TuesdayNoon.AddMinutes(5));
        var moved = _session.CheckIn(Student("Moved"), TuesdayNoon.AddMinutes(9));
        moved.MoveUp("Has a hearing at 14:30", "Rita", TuesdayNoon.AddMinutes(10));

        var order = QueueOrder.Waiting([early, urgent, moved]).Select(t => t.Name);

        Assert.Equal(["Moved", "Urgent", "Early"], order);
    }

    [Fact]
    public void Waiting_LeavesOutCalledAndLeftTickets()
    {
        var called = _session.CheckIn(Student("Called"), TuesdayNoon.AddMinutes(1));
        var left = _session.CheckIn(Student("Left"), TuesdayNoon.AddMinutes(2));
        var waiting = _session.CheckIn(Student("Waiting"), TuesdayNoon.AddMinutes(3));
        called.Call("cw-1", "Sam", "Room 1", TuesdayNoon.AddMinutes(4));
        left.MarkLeft(TuesdayNoon.AddMinutes(5));

        Assert.Equal([waiting], QueueOrder.Waiting([called, left, waiting]));
    }

    [Fact]
    public void MoveUp_WithoutReason_IsRefused()
    {
        var ticket = _session.CheckIn(Student(), TuesdayNoon);

        var refused = Assert.Throws<RuleException>(() => ticket.MoveUp("  ", "Rita", TuesdayNoon));

        Assert.Contains("reason", refused.Message);
        Assert.Equal(0, ticket.Priority);
    }

    [Fact]
    public void Finish_CaseOpened_WithoutACase_IsRefused_AndTheVisitGoesOn()
    {
        var ticket = _session.CheckIn(Student(), TuesdayNoon);
        ticket.Call("cw-1", "Sam Okafor", "Advice room 1", TuesdayNoon.AddMinutes(10));
        ticket.Start("cw-1", TuesdayNoon.AddMinutes(11));

        var refused = Assert.Throws<RuleException>(() => ticket.Finish("cw-1", VisitOutcome.CaseOpened, TuesdayNoon.AddMinutes(30)));

        Assert.Contains("Open or add to a case", refused.Message, StringComparison.Ordinal);
        Assert.Equal(TicketStatus.InProgress, ticket.Status);
    }

    [Fact]
    public void Visit_CallStartFinish_RecordsCaseworkerRoomOutcomeAndTimes()
    {
        var ticket = _session.CheckIn(Student(), TuesdayNoon);

        ticket.Call("cw-1", "Sam Okafor", "Advice room 1", TuesdayNoon.AddMinutes(10));
        ticket.Start("cw-1", TuesdayNoon.AddMinutes(11));
        ticket.LinkTo(Guid.NewGuid(), Guid.NewGuid());
        ticket.Finish("cw-1", VisitOutcome.CaseOpened, TuesdayNoon.AddMinutes(30));

        Assert.Equal(TicketStatus.Finished, ticket.Status);
        Assert.Equal("Advice room 1", ticket.Room);
        Assert.Equal(VisitOutcome.CaseOpened, ticket.Outcome);
        Assert.Equal(TimeSpan.FromMinutes(10), ticket.WaitedAt(TuesdayNoon.AddHours(1)));
        Assert.Equal(TimeSpan.FromMinutes(20), ticket.ServiceTime);
    }

    [Fact]
    public void Finish_ByAnotherCaseworker_IsRefused()
    {
        var ticket = _session.CheckIn(Student(), TuesdayNoon);
        ticket.Call("cw-1", "Sam", "Room 1", TuesdayNoon);

        Assert.Throws<RuleException>(() => ticket.Finish("cw-2", VisitOutcome.AdviceGiven, TuesdayNoon));
    }

    [Fact]
    public void Call_TicketAlreadyCalled_IsRefused()
    {
        var ticket = _session.CheckIn(Student(), TuesdayNoon);
        ticket.Call("cw-1", "Sam", "Room 1", TuesdayNoon);

        var refused = Assert.Throws<RuleException>(() => ticket.Call("cw-2", "Priya", "Room 2", TuesdayNoon));

        Assert.Equal("Ticket A01 is called, so it cannot be called.", refused.Message);
        Assert.Equal("cw-1", ticket.CaseworkerId);
    }

    [Fact]
    public void NoAnswer_ThenReturnToQueue_KeepsTheOriginalArrivalPlace()
    {
        var first = _session.CheckIn(Student("First"), TuesdayNoon);
        var second = _session.CheckIn(Student("Second"), TuesdayNoon.AddMinutes(1));
        first.Call("cw-1", "Sam", "Room 1", TuesdayNoon.AddMinutes(2));
        first.NoAnswer("cw-1", TuesdayNoon.AddMinutes(4));

        Assert.Equal([second], QueueOrder.Waiting([first, second]));

        first.ReturnToQueue();

        Assert.Equal([first, second], QueueOrder.Waiting([first, second]));
        Assert.Null(first.CaseworkerId);
    }

    [Fact]
    public void MarkedAsLeftByMistake_ReturnToQueue_UndoesIt_AtTheOriginalArrivalPlace()
    {
        var first = _session.CheckIn(Student("First"), TuesdayNoon);
        var second = _session.CheckIn(Student("Second"), TuesdayNoon.AddMinutes(1));
        first.MarkLeft(TuesdayNoon.AddMinutes(3));

        first.ReturnToQueue();

        Assert.Equal(TicketStatus.Waiting, first.Status);
        Assert.Null(first.LeftAt);
        Assert.Equal([first, second], QueueOrder.Waiting([first, second]));
    }

    [Fact]
    public void RecordFollowUp_OnlyOnceTheSessionHasClosed()
    {
        var ticket = _session.CheckIn(Student(), TuesdayNoon);

        Assert.Throws<RuleException>(() => ticket.RecordFollowUp(FollowUp.AppointmentOffered, null, SessionState.Open));

        ticket.RecordFollowUp(FollowUp.AppointmentOffered, "Thursday 10:00", SessionState.Closed);

        Assert.Equal(TicketStatus.NotReached, ticket.Status);
        Assert.Equal("Thursday 10:00", ticket.FollowUpNote);
    }

    [Fact]
    public void EveryChange_BumpsTheVersion_SoConcurrentWritersConflict()
    {
        var ticket = _session.CheckIn(Student(), TuesdayNoon);
        var before = ticket.Version;

        ticket.Call("cw-1", "Sam", "Room 1", TuesdayNoon);

        Assert.True(ticket.Version > before);
    }
}
