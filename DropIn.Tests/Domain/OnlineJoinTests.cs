using DropIn.Domain;
using DropIn.Domain.Queue;
using DropIn.Tests.Infrastructure;
using static DropIn.Tests.Domain.QueueTestData;

namespace DropIn.Tests.Domain;

/// <summary>
/// The student's side of the queue: when a phone may join, the cap, the estimate that runs past the session's end,
/// "nearly your turn" and "I need 5 more minutes".
/// </summary>
public sealed class OnlineJoinTests
{
    private static readonly OnlineQueuePolicy Policy = OnlineQueuePolicy.Default with { JoinOpensBefore = TimeSpan.FromMinutes(15), Cap = 3, NearlyYourTurnAhead = 2, StepBackPlaces = 2 };
    private static readonly TimeSpan NoWait = TimeSpan.Zero;

    [Fact]
    public void APhoneJoins_FifteenMinutesBeforeTheStart_ButNotSixteen()
    {
        var session = OpenTuesday(); // 12:00-14:00 London

        Assert.Equal(JoinRefusal.NotOpenYet, OnlineJoin.Check(session, London.At(2026, 11, 24, 11, 44), 0, NoWait, Policy));
        Assert.Null(OnlineJoin.Check(session, London.At(2026, 11, 24, 11, 45), 0, NoWait, Policy));
        Assert.Throws<RuleException>(() => session.JoinOnline(Student(), London.At(2026, 11, 24, 11, 44), Policy));
        Assert.True(session.JoinOnline(Student(), London.At(2026, 11, 24, 11, 45), Policy).JoinedOnline);
    }

    [Fact]
    public void TheJoinWindow_IsLondonTime_AfterTheClocksGoForward()
    {
        // Tuesday 31 March 2026, the first drop-in after British Summer Time began (29 March): 12:00 London is 11:00 UTC.
        var session = DropInSession.Scheduled(new DropInSchedule(SessionTime.Default).CurrentOrNext(London.At(2026, 3, 31, 9, 0))!);

        Assert.Equal(JoinRefusal.NotOpenYet, OnlineJoin.Check(session, new DateTimeOffset(2026, 3, 31, 10, 44, 0, TimeSpan.Zero), 0, NoWait, Policy));
        Assert.Null(OnlineJoin.Check(session, new DateTimeOffset(2026, 3, 31, 10, 45, 0, TimeSpan.Zero), 0, NoWait, Policy));
    }

    [Fact]
    public void AfterTheEnd_OrClosedEarlyByStaff_ThePhoneIsToldItIsClosed()
    {
        var session = OpenTuesday();
        Assert.Equal(JoinRefusal.Closed, OnlineJoin.Check(session, London.At(2026, 11, 24, 14, 0), 0, NoWait, Policy));

        session.Close(London.At(2026, 11, 24, 13, 0), "Rita");
        Assert.Equal(JoinRefusal.Closed, OnlineJoin.Check(session, London.At(2026, 11, 24, 13, 1), 0, NoWait, Policy));
        Assert.Throws<RuleException>(() => session.JoinOnline(Student(), London.At(2026, 11, 24, 13, 1), Policy));
    }

    [Fact]
    public void AtTheCap_TheQueueIsFull()
    {
        var session = OpenTuesday();

        Assert.Null(OnlineJoin.Check(session, TuesdayNoon, 2, NoWait, Policy));
        Assert.Equal(JoinRefusal.Full, OnlineJoin.Check(session, TuesdayNoon, 3, NoWait, Policy));
    }

    [Fact]
    public void AnEstimatePastTheEnd_IsRefused_CountingFromTheStartBeforeItOpens()
    {
        var session = OpenTuesday();

        // At 13:00 a wait of 59 minutes is called by 13:59; an hour would be at the close.
        Assert.Null(OnlineJoin.Check(session, London.At(2026, 11, 24, 13, 0), 0, TimeSpan.FromMinutes(59), Policy));
        Assert.Equal(JoinRefusal.PastClose, OnlineJoin.Check(session, London.At(2026, 11, 24, 13, 0), 0, TimeSpan.FromMinutes(60), Policy));
        // Joining at 11:50 with 1 h 50 min to wait: called at 13:50 at the earliest, not 13:40.
        Assert.Null(OnlineJoin.Check(session, London.At(2026, 11, 24, 11, 50), 0, TimeSpan.FromMinutes(110), Policy));
        Assert.Equal(JoinRefusal.PastClose, OnlineJoin.Check(session, London.At(2026, 11, 24, 11, 50), 0, TimeSpan.FromMinutes(120), Policy));
    }

    [Fact]
    public void NearlyYourTurn_WithTwoOrFewerAhead_AndSentOnce()
    {
        var session = OpenTuesday();
        var tickets = Enumerable.Range(1, 4).Select(i => session.CheckIn(Student($"S{i}"), TuesdayNoon.AddMinutes(i))).ToList();
        var last = tickets[3];

        Assert.Equal(3, OnlineJoin.Ahead(last, tickets));
        Assert.False(OnlineJoin.IsNearlyTurn(OnlineJoin.Ahead(last, tickets), Policy));
        tickets[0].Call("cw", "Sam", "Advice room 1", TuesdayNoon.AddMinutes(10));
        Assert.True(OnlineJoin.IsNearlyTurn(OnlineJoin.Ahead(last, tickets), Policy));

        Assert.True(last.MarkNearlyTurnSent(TuesdayNoon.AddMinutes(10)));
        Assert.False(last.MarkNearlyTurnSent(TuesdayNoon.AddMinutes(11)));
        Assert.Null(OnlineJoin.Ahead(tickets[0], tickets)); // called: no longer waiting
    }

    [Fact]
    public void StepBack_GoesBehindTheNextTwo_Once_AndKeepsItsWaitFromCheckIn()
    {
        var session = OpenTuesday();
        var tickets = Enumerable.Range(1, 4).Select(i => session.CheckIn(Student($"S{i}"), TuesdayNoon.AddMinutes(i))).ToList();
        var first = tickets[0];

        first.StepBack(QueueOrder.Waiting(tickets), Policy.StepBackPlaces, TuesdayNoon.AddMinutes(20));

        Assert.Equal(["S2", "S3", "S1", "S4"], QueueOrder.Waiting(tickets).Select(t => t.Name));
        Assert.Equal(TimeSpan.FromMinutes(19), first.WaitedAt(TuesdayNoon.AddMinutes(20)));
        var again = Assert.Throws<RuleException>(() => first.StepBack(QueueOrder.Waiting(tickets), Policy.StepBackPlaces, TuesdayNoon.AddMinutes(21)));
        Assert.StartsWith("You have already asked for more time once", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StepBack_WithFewerBehind_GoesLast_AndStaysAheadOfLowerPriority()
    {
        var session = OpenTuesday();
        var urgent = session.CheckIn(Student("Urgent", urgent: true), TuesdayNoon.AddMinutes(1));
        var other = session.CheckIn(Student("Other urgent", urgent: true), TuesdayNoon.AddMinutes(2));
        var plain = session.CheckIn(Student("Plain"), TuesdayNoon.AddMinutes(3));
        List<Ticket> tickets = [urgent, other, plain];

        urgent.StepBack(QueueOrder.Waiting(tickets), 5, TuesdayNoon.AddMinutes(5));

        // Behind the one other urgent ticket, still before a student without a deadline today.
        Assert.Equal(["Other urgent", "Urgent", "Plain"], QueueOrder.Waiting(tickets).Select(t => t.Name));
    }

    [Fact]
    public void OnlyAWaitingTicket_StepsBack()
    {
        var session = OpenTuesday();
        var ticket = session.CheckIn(Student(), TuesdayNoon);
        ticket.Call("cw", "Sam", "Advice room 1", TuesdayNoon.AddMinutes(1));

        Assert.Throws<RuleException>(() => ticket.StepBack([ticket], 2, TuesdayNoon.AddMinutes(2)));
    }
}
