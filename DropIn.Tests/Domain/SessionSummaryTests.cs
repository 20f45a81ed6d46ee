using DropIn.Domain.Queue;
using static DropIn.Tests.Domain.QueueTestData;

namespace DropIn.Tests.Domain;

public sealed class SessionSummaryTests
{
    [Fact]
    public void Of_ClosedSession_CountsSeenLeftNotReachedAndWaits()
    {
        var session = OpenTuesday();
        var seen = session.CheckIn(Student("Seen"), TuesdayNoon);
        seen.Call("cw", "Sam", "Room 1", TuesdayNoon.AddMinutes(10));
        seen.Finish("cw", VisitOutcome.AdviceGiven, TuesdayNoon.AddMinutes(30));
        var left = session.CheckIn(Student("Left"), TuesdayNoon.AddMinutes(5));
        left.MarkLeft(TuesdayNoon.AddMinutes(40));
        var notReached = session.CheckIn(Student("Late"), TuesdayNoon.AddMinutes(100));

        var summary = SessionSummary.Of(session, [seen, left, notReached]);

        Assert.Equal(3, summary.CheckedIn);
        Assert.Equal(1, summary.Seen);
        Assert.Equal(1, summary.Left);
        Assert.Equal(1, summary.NotReached);
        // Seen waited 10 minutes; the student not reached waited from 13:40 until the 14:00 close.
        Assert.Equal(TimeSpan.FromMinutes(15), summary.AverageWait);
        Assert.Equal(TimeSpan.FromMinutes(20), summary.LongestWait);
    }

    [Fact]
    public void Of_EmptySession_HasNoWaits()
    {
        var summary = SessionSummary.Of(OpenTuesday(), []);

        Assert.Equal(0, summary.CheckedIn);
        Assert.Null(summary.AverageWait);
    }
}
