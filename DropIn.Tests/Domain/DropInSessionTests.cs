using DropIn.Domain;
using DropIn.Domain.Queue;
using static DropIn.Tests.Domain.QueueTestData;

namespace DropIn.Tests.Domain;

public sealed class DropInSessionTests
{
    [Fact]
    public void StateAt_FollowsTheScheduledWindow()
    {
        var session = OpenTuesday();

        Assert.Equal(SessionState.NotYetOpen, session.StateAt(TuesdayNoon.AddMinutes(-1)));
        Assert.Equal(SessionState.Open, session.StateAt(TuesdayNoon));
        Assert.Equal(SessionState.Open, session.StateAt(TuesdayNoon.AddMinutes(119)));
        Assert.Equal(SessionState.Closed, session.StateAt(TuesdayNoon.AddHours(2)));
    }

    [Fact]
    public void CheckIn_BeforeOpening_IsRefusedWithOpeningTime()
    {
        var session = OpenTuesday();

        var refused = Assert.Throws<RuleException>(() => session.CheckIn(Student(), TuesdayNoon.AddMinutes(-10)));

        Assert.Contains("opens at 12:00", refused.Message);
    }

    [Fact]
    public void CheckIn_AfterTheEnd_IsRefusedAndSuggestsAnAppointment()
    {
        var session = OpenTuesday();

        var refused = Assert.Throws<RuleException>(() => session.CheckIn(Student(), TuesdayNoon.AddHours(2)));

        Assert.Contains("closed", refused.Message);
        Assert.Contains("appointment", refused.Message);
    }

    [Fact]
    public void OpenEarly_WithinTheHourBefore_OpensTheQueue()
    {
        var session = OpenTuesday();
        var quarterToTwelve = TuesdayNoon.AddMinutes(-15);

        session.OpenEarly(quarterToTwelve, "reception-1");

        Assert.Equal(SessionState.Open, session.StateAt(quarterToTwelve));
        Assert.Equal("A01", session.CheckIn(Student(), quarterToTwelve).Code);
    }

    [Fact]
    public void OpenEarly_MoreThanAnHourBefore_IsRefused()
    {
        var session = OpenTuesday();

        Assert.Throws<RuleException>(() => session.OpenEarly(TuesdayNoon.AddMinutes(-61), "reception-1"));
        Assert.Equal(SessionState.NotYetOpen, session.StateAt(TuesdayNoon.AddMinutes(-30)));
    }

    [Fact]
    public void Close_Early_StopsCheckInAndEndsTheSessionThen()
    {
        var session = OpenTuesday();
        var half = TuesdayNoon.AddMinutes(90);

        session.Close(half, "reception-1");

        Assert.Equal(SessionState.Closed, session.StateAt(half));
        Assert.Equal(half, session.EndedAt);
        Assert.Throws<RuleException>(() => session.CheckIn(Student(), half.AddMinutes(1)));
    }

    [Fact]
    public void CheckIn_NumbersTicketsInOrder()
    {
        var session = OpenTuesday();

        var codes = Enumerable.Range(0, 11).Select(i => session.CheckIn(Student($"S{i}"), TuesdayNoon.AddMinutes(i)).Code).ToList();

        Assert.Equal("A01", codes[0]);
        Assert.Equal("A02", codes[1]);
        Assert.Equal("A11", codes[10]);
    }

    [Theory]
    [InlineData("", "Appeal", "name")]
    [InlineData("   ", "Appeal", "name")]
    [InlineData("Ada", "", "about")]
    public void CheckIn_MissingRequiredDetails_SaysWhatIsMissing(string name, string topic, string expected)
    {
        var session = OpenTuesday();

        var refused = Assert.Throws<RuleException>(() => session.CheckIn(new StudentDetails(name, null, null, topic, false, null), TuesdayNoon));

        Assert.Contains(expected, refused.Message);
        Assert.Equal(0, session.LastTicketNumber);
    }

    [Fact]
    public void Extra_StartsOpenNowAndRefusesNonsenseEnds()
    {
        var session = DropInSession.Extra(TuesdayNoon.AddHours(3), TuesdayNoon.AddHours(5), "manager-1");

        Assert.True(session.IsExtra);
        Assert.Equal(SessionState.Open, session.StateAt(TuesdayNoon.AddHours(3)));
        Assert.Throws<RuleException>(() => DropInSession.Extra(TuesdayNoon, TuesdayNoon.AddMinutes(-1), "m"));
        Assert.Throws<RuleException>(() => DropInSession.Extra(TuesdayNoon, TuesdayNoon.AddHours(9), "m"));
    }

    [Fact]
    public void Overlaps_CountsAnEarlyOpening()
    {
        var session = OpenTuesday();
        session.OpenEarly(TuesdayNoon.AddMinutes(-50), "reception-1");

        Assert.True(session.Overlaps(TuesdayNoon.AddMinutes(-40), TuesdayNoon.AddMinutes(-10)));
        Assert.False(OpenTuesday().Overlaps(TuesdayNoon.AddMinutes(-40), TuesdayNoon.AddMinutes(-10)));
    }
}
