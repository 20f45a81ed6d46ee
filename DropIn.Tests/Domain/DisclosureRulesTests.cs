using DropIn.Domain;
using DropIn.Domain.Statistics;

namespace DropIn.Tests.Domain;

public sealed class DisclosureRulesTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(3, 5)]
    [InlineData(4, 5)]
    [InlineData(5, 5)]
    [InlineData(6, 5)]
    [InlineData(7, 5)]
    [InlineData(8, 10)]
    [InlineData(9, 10)]
    [InlineData(10, 10)]
    [InlineData(11, 10)]
    [InlineData(12, 10)]
    [InlineData(13, 15)]
    [InlineData(14, 15)]
    [InlineData(15, 15)]
    [InlineData(16, 15)]
    [InlineData(17, 15)]
    [InlineData(18, 20)]
    [InlineData(19, 20)]
    [InlineData(20, 20)]
    [InlineData(21, 20)]
    [InlineData(22, 20)]
    [InlineData(23, 25)]
    [InlineData(24, 25)]
    [InlineData(25, 25)]
    [InlineData(26, 25)]
    [InlineData(27, 25)]
    [InlineData(28, 30)]
    [InlineData(29, 30)]
    [InlineData(30, 30)]
    [InlineData(102, 100)]
    [InlineData(103, 105)]
    [InlineData(1_234, 1_235)]
    [InlineData(99_997, 99_995)]
    [InlineData(99_998, 100_000)]
    public void RoundCount_NearestFiveHalvesUp_BelowTwoAndAHalfIsZero(int unrounded, int published)
    {
        Assert.Equal(published, DisclosureRules.RoundCount(unrounded));
    }

    [Fact]
    public void RoundCount_Negative_IsAProgrammingError()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DisclosureRules.RoundCount(-1));
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(2, "0")]
    [InlineData(3, "5")]
    [InlineData(1_234, "1,235")]
    public void Count_Display_IsTheRoundedCount(int unrounded, string display)
    {
        var figure = PublishedFigure.Count(unrounded);

        Assert.Equal(display, figure.Display);
        Assert.False(figure.IsSuppressed);
    }

    [Theory]
    [InlineData(0, 0, null)] // no base at all
    [InlineData(5, 22, null)] // 22 people: below 22.5
    [InlineData(5, 23, "22%")] // 23 people: published, from unrounded 5/23 = 21.7%
    [InlineData(23, 23, "100%")]
    [InlineData(1, 40, "3%")] // 2.5% rounds half up
    [InlineData(2, 24, "8%")] // unrounded 8.3%, not 0/25 from the rounded counts
    public void Percentage_FromUnroundedCounts_HiddenWhereTheBaseIsUnder22AndAHalf(int part, int whole, string? display)
    {
        var figure = PublishedFigure.Percentage(part, whole);

        Assert.Equal(display ?? "..", figure.Display);
        Assert.Equal(display is null ? SuppressionReason.BaseTooSmall : SuppressionReason.None, figure.Reason);
        Assert.Equal(FigureKind.Percentage, figure.Kind);
    }

    [Theory]
    [InlineData(7, null)]
    [InlineData(8, "4.5")]
    [InlineData(20, "10.5")]
    public void Average_HiddenWhereBasedOnSevenOrFewerPeople(int people, string? display)
    {
        // One value per person: 1, 2, ... people, whose mean is (people + 1) / 2.
        var values = Enumerable.Range(1, people).Select(v => (decimal)v).ToList();

        var figure = PublishedFigure.Average(values);

        Assert.Equal(display ?? "..", figure.Display);
        Assert.Equal(display is null, figure.IsSuppressed);
    }

    [Fact]
    public void Suppressed_NeverCarriesAValue()
    {
        var figure = PublishedFigure.Suppressed(FigureKind.Count, SuppressionReason.Secondary);

        Assert.Null(figure.Value);
        Assert.Equal("..", figure.Display);
        Assert.Throws<ArgumentOutOfRangeException>(() => PublishedFigure.Suppressed(FigureKind.Count, SuppressionReason.None));
    }

    public static TheoryData<string, string, bool> Crossings => new()
    {
        { "Gender", "Month", true },
        { "Ethnic group", "Year", true },
        { "Disability", "Category", true },
        { "Outcome", "Level of study", true },
        { "College", "Category", true }, // no monitoring: allowed, with small counts hidden
        { "Month", "Category", true },
        { "Gender", "Ethnic group", false },
        { "Gender", "College", false },
        { "Faculty or department", "Disability", false },
        { "Age band", "Course", false },
        { "Month", "Month", false },
    };

    [Theory]
    [MemberData(nameof(Crossings))]
    public void EnsureMayCross_MonitoringNeverWithMonitoringOrSmallGroups(string rows, string columns, bool allowed)
    {
        var exception = Record.Exception(() => DisclosureRules.EnsureMayCross(ByName(rows), ByName(columns)));

        if (allowed)
        {
            Assert.Null(exception);
        }
        else
        {
            Assert.IsType<RuleException>(exception);
        }
    }

    [Fact]
    public void Statement_NamesEveryRule()
    {
        Assert.Contains("nearest multiple of 5", DisclosureRules.Statement);
        Assert.Contains("unrounded", DisclosureRules.Statement);
        Assert.Contains("22.5", DisclosureRules.Statement);
        Assert.Contains("7 or fewer", DisclosureRules.Statement);
        Assert.Contains("1 to 4", DisclosureRules.Statement); // SmallCountThreshold 5
        Assert.Contains("\"..\"", DisclosureRules.Statement);
        Assert.Equal(5, DisclosureRules.SmallCountThreshold);
    }

    private static Dimension ByName(string name) =>
        typeof(Dimension).GetFields().Select(f => f.GetValue(null)).OfType<Dimension>().Single(d => d.Name == name);
}
