using DropIn.Domain;
using DropIn.Domain.Retention;
using DropIn.Tests.Infrastructure;

namespace DropIn.Tests.Domain;

public sealed class RetentionHoldTests
{
    private static readonly DateTimeOffset Now = London.At(2026, 11, 23, 10, 0);
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static RetentionHold Place(DateOnly? reviewOn = null, string reason = "Ongoing complaint to the OIA") =>
        RetentionHold.Place(Guid.NewGuid(), reason, reviewOn ?? Today.AddMonths(3), "morgan", Now);

    [Theory]
    [InlineData("", "why")]
    [InlineData("   ", "why")]
    public void Place_WithoutAReason_IsRefused(string reason, string expected)
    {
        Assert.Contains(expected, Assert.Throws<RuleException>(() => Place(reason: reason)).Message);
    }

    [Fact]
    public void Place_ReasonOver500Characters_IsRefused()
    {
        Assert.Throws<RuleException>(() => Place(reason: new string('x', 501)));
        Assert.Equal(500, Place(reason: new string('x', 500)).Reason.Length);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, false)] // today: the review would already be due
    [InlineData(1, true)]
    [InlineData(365, true)] // 23 November 2027: exactly 12 months
    [InlineData(366, false)]
    public void Place_ReviewDate_MustBeAfterToday_AndWithinAYear(int daysAhead, bool allowed)
    {
        var exception = Record.Exception(() => Place(Today.AddDays(daysAhead)));

        Assert.Equal(allowed, exception is null);
    }

    [Fact]
    public void Place_RecordsWhoWhenAndWhy()
    {
        var hold = Place(new DateOnly(2027, 2, 1), "  Legal matter: claim against the university  ");

        Assert.Equal("Legal matter: claim against the university", hold.Reason);
        Assert.Equal(("morgan", Now, new DateOnly(2027, 2, 1)), (hold.PlacedBy, hold.PlacedAt, hold.ReviewOn));
        Assert.True(hold.IsActive);
    }

    [Fact]
    public void IsReviewDue_OnTheReviewDate_NotBefore_NotOnceLifted()
    {
        var hold = Place(new DateOnly(2027, 2, 1));

        Assert.False(hold.IsReviewDue(new DateOnly(2027, 1, 31)));
        Assert.True(hold.IsReviewDue(new DateOnly(2027, 2, 1)));
        hold.Lift("morgan", Now.AddDays(70));
        Assert.False(hold.IsReviewDue(new DateOnly(2027, 2, 1)));
    }

    [Fact]
    public void Renew_SetsTheNextReview_ButNotOnALiftedHold()
    {
        var hold = Place(new DateOnly(2027, 2, 1));
        var reviewDay = London.At(2027, 2, 1, 9, 0);

        hold.Renew(new DateOnly(2027, 8, 1), reviewDay);
        Assert.Equal(new DateOnly(2027, 8, 1), hold.ReviewOn);
        Assert.Throws<RuleException>(() => hold.Renew(new DateOnly(2027, 2, 1), reviewDay));

        hold.Lift("morgan", reviewDay);
        Assert.Throws<RuleException>(() => hold.Renew(new DateOnly(2027, 9, 1), reviewDay));
    }

    [Fact]
    public void Lift_Twice_KeepsTheFirst()
    {
        var hold = Place();

        hold.Lift("morgan", Now.AddDays(1));
        hold.Lift("alex", Now.AddDays(2));

        Assert.Equal(("morgan", Now.AddDays(1)), (hold.LiftedBy, hold.LiftedAt));
        Assert.False(hold.IsActive);
    }
}
