using System.Globalization;
using DropIn.Domain;
using DropIn.Domain.Retention;
using DropIn.Tests.Infrastructure;

namespace DropIn.Tests.Domain;

public sealed class RetentionPolicyTests
{
    private static readonly DateTimeOffset LastInvolvement = London.At(2019, 11, 23, 10, 0); // due 23 November 2026
    private static readonly RetentionReviewEntry ReviewedInOctober = new(LastInvolvement, new DateOnly(2026, 11, 1));

    [Theory]
    [InlineData("2019-11-23T10:00:00Z", 7, "2026-11-23")]
    [InlineData("2028-02-29T12:00:00Z", 7, "2035-02-28")] // leap day: no 29 February in 2035
    [InlineData("2024-02-29T12:00:00Z", 4, "2028-02-29")] // to another leap year: the same day
    [InlineData("2026-06-30T23:30:00Z", 7, "2033-07-01")] // 00:30 on 1 July in London (BST)
    [InlineData("2026-12-31T23:30:00Z", 7, "2033-12-31")] // GMT: still 31 December in London
    [InlineData("2026-03-15T09:00:00Z", 1, "2027-03-15")]
    public void DestructionDate_IsTheLondonDateOfLastInvolvement_PlusTheYears(string lastInvolvement, int years, string expected)
    {
        var date = new RetentionPolicy(years).DestructionDate(DateTimeOffset.Parse(lastInvolvement, CultureInfo.InvariantCulture));

        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), date);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-7)]
    [InlineData(101)]
    public void New_PeriodOutsideOneToAHundredYears_IsRefused(int years)
    {
        Assert.Throws<RuleException>(() => new RetentionPolicy(years));
    }

    [Fact]
    public void Default_IsSevenYears()
    {
        Assert.Equal(7, RetentionPolicy.Default.Years);
        Assert.Equal(RetentionPolicy.Default, new RetentionPolicy());
    }

    public static TheoryData<string, DateTimeOffset, RetentionReviewEntry?, bool, RetentionDecision> Decisions => new()
    {
        { "the day before", London.At(2026, 11, 22, 23, 59), ReviewedInOctober, false, RetentionDecision.Keep },
        { "due, reviewed, not held", London.At(2026, 11, 23, 0, 1), ReviewedInOctober, false, RetentionDecision.Destroy },
        { "overdue, reviewed, not held", London.At(2027, 3, 1, 2, 0), ReviewedInOctober, false, RetentionDecision.Destroy },
        { "due and held", London.At(2026, 11, 23, 2, 0), ReviewedInOctober, true, RetentionDecision.Held },
        { "due, never reviewed", London.At(2026, 11, 23, 2, 0), null, false, RetentionDecision.AwaitingReview },
        { "listed for a month not begun", London.At(2026, 11, 23, 2, 0), new(LastInvolvement, new DateOnly(2026, 12, 1)), false, RetentionDecision.AwaitingReview },
        { "involvement differs from the review's", London.At(2026, 11, 23, 2, 0), new(LastInvolvement.AddHours(-1), new DateOnly(2026, 11, 1)), false, RetentionDecision.NewInvolvementSinceReview },
    };

    [Theory]
    [MemberData(nameof(Decisions))]
    public void Decide_DestroysOnlyWhatIsDueReviewedUnchangedAndNotHeld(string scenario, DateTimeOffset now, RetentionReviewEntry? reviewed, bool held, RetentionDecision expected)
    {
        var holds = held ? [RetentionHold.Place(Guid.NewGuid(), "Complaint to the OIA ongoing", new DateOnly(2027, 1, 31), "morgan", London.At(2026, 11, 2, 9, 0))] : Array.Empty<RetentionHold>();

        Assert.True(expected == RetentionPolicy.Default.Decide(LastInvolvement, reviewed, holds, now), scenario);
    }

    [Fact]
    public void Decide_NewInvolvementAfterTheReview_KeepsTheRecord()
    {
        // November's review lists a record due on 10 December; the student comes back on 5 December.
        var lastInvolvement = London.At(2019, 12, 10, 11, 0);
        var entry = RetentionReview.EntryFor(lastInvolvement, London.At(2026, 11, 2, 9, 0));
        var returned = London.At(2026, 12, 5, 14, 0);

        Assert.Equal(RetentionDecision.Destroy, RetentionPolicy.Default.Decide(lastInvolvement, entry, [], London.At(2026, 12, 10, 2, 0)));
        Assert.Equal(RetentionDecision.Keep, RetentionPolicy.Default.Decide(returned, entry, [], London.At(2026, 12, 10, 2, 0)));
        Assert.Equal(RetentionDecision.NewInvolvementSinceReview, RetentionPolicy.Default.Decide(returned, entry, [], London.At(2033, 12, 6, 2, 0)));
    }

    [Fact]
    public void Decide_AHoldWhoseReviewDateHasPassed_StillHolds_UntilLifted()
    {
        var hold = RetentionHold.Place(Guid.NewGuid(), "Legal claim against the university", new DateOnly(2026, 12, 1), "morgan", London.At(2026, 11, 2, 9, 0));
        var now = London.At(2027, 1, 5, 2, 0);

        Assert.Equal(RetentionDecision.Held, RetentionPolicy.Default.Decide(LastInvolvement, ReviewedInOctober, [hold], now));
        Assert.True(hold.IsReviewDue(new DateOnly(2027, 1, 5)));

        hold.Lift("morgan", now);

        Assert.Equal(RetentionDecision.Destroy, RetentionPolicy.Default.Decide(LastInvolvement, ReviewedInOctober, [hold], now));
    }

    [Theory]
    [InlineData("2026-11-15", "2026-12-01", "2026-12-31")]
    [InlineData("2026-11-01", "2026-12-01", "2026-12-31")]
    [InlineData("2026-12-31", "2027-01-01", "2027-01-31")]
    [InlineData("2028-01-10", "2028-02-01", "2028-02-29")]
    public void Window_IsTheWholeOfNextMonth(string today, string from, string to)
    {
        var window = RetentionReview.Window(Day(today));

        Assert.Equal(new ReviewWindow(Day(from), Day(to)), window);
    }

    [Theory]
    [InlineData("2026-12-31", true)] // last day of next month
    [InlineData("2027-01-01", false)] // the month after: next review
    [InlineData("2026-11-20", true)] // later this month: destroyed no earlier than 1 December
    [InlineData("2025-06-01", true)] // overdue (held, changed or never reviewed): listed again
    public void Lists_EverythingDueByTheEndOfNextMonth(string destructionDate, bool listed)
    {
        Assert.Equal(listed, RetentionReview.Lists(Day(destructionDate), Day("2026-11-15")));
    }

    [Fact]
    public void EntryFor_RemembersWhatTheManagerSaw_AndWaitsForTheMonthReviewed()
    {
        var entry = RetentionReview.EntryFor(LastInvolvement, London.At(2026, 11, 15, 10, 0));

        Assert.Equal(new RetentionReviewEntry(LastInvolvement, new DateOnly(2026, 12, 1)), entry);
        Assert.Equal(RetentionDecision.AwaitingReview, RetentionPolicy.Default.Decide(LastInvolvement, entry, [], London.At(2026, 11, 30, 23, 0)));
        Assert.Equal(RetentionDecision.Destroy, RetentionPolicy.Default.Decide(LastInvolvement, entry, [], London.At(2026, 12, 1, 0, 30)));
    }

    private static DateOnly Day(string value) => DateOnly.Parse(value, CultureInfo.InvariantCulture);
}
