using DropIn.Domain.Queue;

namespace DropIn.Tests.Domain;

public sealed class WaitEstimatorTests
{
    private static readonly TimeSpan Fallback = TimeSpan.FromMinutes(20);

    private static TimeSpan[] Minutes(params int[] minutes) => [.. minutes.Select(m => TimeSpan.FromMinutes(m))];

    [Fact]
    public void AverageServiceTime_WithNoHistory_IsTheDefault()
    {
        var estimator = new WaitEstimator([], [], Fallback, caseworkers: 1, busy: 1);

        Assert.Equal(Fallback, estimator.AverageServiceTime);
        Assert.Equal(0, estimator.BasedOn);
    }

    [Fact]
    public void AverageServiceTime_FewVisitsToday_BlendsInEarlierSessions()
    {
        var estimator = new WaitEstimator(Minutes(10), Minutes(20, 30), Fallback, 1, 1);

        Assert.Equal(TimeSpan.FromMinutes(20), estimator.AverageServiceTime);
        Assert.Equal(3, estimator.BasedOn);
    }

    [Fact]
    public void AverageServiceTime_EnoughVisitsToday_UsesTodayOnly()
    {
        var estimator = new WaitEstimator(Minutes(10, 12, 14), Minutes(60, 60), Fallback, 1, 1);

        Assert.Equal(TimeSpan.FromMinutes(12), estimator.AverageServiceTime);
    }

    [Fact]
    public void ForPosition_OneCaseworkerBusy_EachPlaceAddsOneVisit()
    {
        var estimator = new WaitEstimator(Minutes(15, 15, 15), [], Fallback, caseworkers: 1, busy: 1);

        Assert.Equal(TimeSpan.FromMinutes(15), estimator.ForPosition(1));
        Assert.Equal(TimeSpan.FromMinutes(45), estimator.ForPosition(3));
    }

    [Fact]
    public void ForPosition_FreeCaseworker_NextStudentWaitsNothing()
    {
        var estimator = new WaitEstimator(Minutes(15, 15, 15), [], Fallback, caseworkers: 2, busy: 1);

        Assert.Equal(TimeSpan.Zero, estimator.ForPosition(1));
        Assert.Equal(TimeSpan.FromMinutes(15), estimator.ForPosition(2));
        Assert.Equal(TimeSpan.FromMinutes(15), estimator.ForPosition(3));
        Assert.Equal(TimeSpan.FromMinutes(30), estimator.ForPosition(4));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 5)]
    [InlineData(5, 5)]
    [InlineData(11, 15)]
    public void RoundedMinutes_RoundsUpToFive(int minutes, int expected)
    {
        Assert.Equal(expected, WaitEstimator.RoundedMinutes(TimeSpan.FromMinutes(minutes)));
    }
}
