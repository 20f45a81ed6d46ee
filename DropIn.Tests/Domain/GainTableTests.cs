using DropIn.Domain.Statistics;

namespace DropIn.Tests.Domain;

/// <summary>Students' financial gain by category: a money total from too few cases is hidden, and so is one more when the total would give it away.</summary>
public sealed class GainTableTests
{
    private static readonly string[] Categories = ["Housing", "Money", "Academic appeal"];

    [Fact]
    public void TotalsFromEnoughCases_AreShownInWholePounds_WithTheCasesRounded()
    {
        var table = GainTable.Create(Categories, [(6, 4_200), (12, 15_750), (0, 0)], minimumCases: 5);

        Assert.Equal(["£4,200", "£15,750", "£0", "£19,950"], [table.Pounds(0).Display, table.Pounds(1).Display, table.Pounds(2).Display, table.TotalPounds.Display]);
        Assert.Equal(["5", "10", "20"], [table.Cases(0).Display, table.Cases(1).Display, table.TotalCases.Display]);
        Assert.Equal(0, table.HiddenCount);
    }

    [Fact]
    public void OneSmallTotal_IsHidden_AndSoIsTheNextSmallest_SoTheGrandTotalCannotGiveItAway()
    {
        // Four housing cases: shown, £900 could be worked out as £21,000 less the others; hiding appeals (the fewest
        // cases after it) leaves two unknowns and one equation.
        var table = GainTable.Create(Categories, [(4, 900), (12, 15_750), (6, 4_350)], minimumCases: 5);

        Assert.Equal(SuppressionReason.TooFewCases, table.Pounds(0).Reason);
        Assert.Equal(SuppressionReason.Secondary, table.Pounds(2).Reason);
        Assert.False(table.Pounds(1).IsSuppressed);
        Assert.Equal("£21,000", table.TotalPounds.Display);
        Assert.Contains("fewer than 5 cases; 2 money figure(s) not shown", table.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void ARowWithNoGain_IsNotTheOneHiddenSecond_ItWouldHideNothing()
    {
        var table = GainTable.Create(Categories, [(2, 300), (0, 0), (9, 8_000)], minimumCases: 5);

        Assert.Equal([SuppressionReason.TooFewCases, SuppressionReason.None, SuppressionReason.Secondary],
            [table.Pounds(0).Reason, table.Pounds(1).Reason, table.Pounds(2).Reason]);
        Assert.False(table.TotalPounds.IsSuppressed);
    }

    [Fact]
    public void WhenOnlyTheGrandTotalIsLeft_ItIsHiddenInstead()
    {
        var table = GainTable.Create(["Housing", "Money"], [(3, 300), (0, 0)], minimumCases: 5);

        Assert.True(table.Pounds(0).IsSuppressed);
        Assert.True(table.TotalPounds.IsSuppressed);
        Assert.Equal("£0", table.Pounds(1).Display);
    }

    [Fact]
    public void TheMinimumIsTheServicesSetting()
    {
        var rows = new[] { (7, 1_000L), (8, 2_000L) };

        Assert.Equal(0, GainTable.Create(["Housing", "Money"], rows, minimumCases: 5).HiddenCount);
        Assert.Equal(2, GainTable.Create(["Housing", "Money"], rows, minimumCases: 10).HiddenCount);
    }
}
