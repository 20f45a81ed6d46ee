using DropIn.Domain;
using DropIn.Domain.Statistics;
using FsCheck;
using FsCheck.Fluent;

namespace DropIn.Tests.Domain;

public sealed class DisclosureTableTests
{
    private static readonly string[] Months = ["Oct", "Nov", "Dec"];
    private static readonly string[] Disabilities = ["No known disability", "Disabled", "Prefer not to say"];

    [Fact]
    public void Create_Totals_AreRoundedFromUnroundedData()
    {
        // Three cells of 2 publish as 0 each, but the 6 people they add up to publish as 5.
        var table = DisclosureTable.Create(Dimension.Category, ["Housing"], Dimension.Month, Months, [[2, 2, 2]]);

        Assert.Equal(["0", "0", "0"], Enumerable.Range(0, 3).Select(c => table.Cell(0, c).Display));
        Assert.Equal("5", table.RowTotal(0).Display);
        Assert.Equal("5", table.GrandTotal.Display);
        Assert.Equal("0", table.ColumnTotal(1).Display);
    }

    [Fact]
    public void Create_NotSensitive_RoundsOnly()
    {
        var table = DisclosureTable.Create(Dimension.Category, ["Housing", "Money"], Dimension.Month, Months, [[1, 3, 4], [12, 13, 0]]);

        Assert.False(table.IsSensitive);
        Assert.Equal(0, table.PrimaryCount + table.SecondaryCount);
        Assert.Equal(["0", "5", "5", "10", "15", "0"], Cells(table).Select(f => f.Display));
        Assert.Equal("35", table.GrandTotal.Display); // 33 unrounded
        Assert.DoesNotContain("not shown", table.Note);
    }

    [Fact]
    public void Create_SmallCountInAMonitoringTable_NeedsSecondarySuppression()
    {
        int[][] counts =
        [
            [40, 35, 50],
            [3, 12, 20],
            [8, 10, 9],
        ];

        var table = DisclosureTable.Create(Dimension.Disability, Disabilities, Dimension.Month, Months, counts);

        // Disabled in October is 3 people: hidden. The Disabled row total (35) would give it away, so the smallest
        // other cell in the row (12) is hidden; then column Oct exposes the 3 through its total, so 8 is hidden;
        // that leaves "Prefer not to say" with one hidden cell, and Nov's 10 closes that row and Nov's column at once.
        Assert.Equal(SuppressionReason.Primary, table.Cell(1, 0).Reason);
        Assert.Equal(
            [(1, 1), (2, 0), (2, 1)],
            Positions(table).Where(p => table.Cell(p.Row, p.Column).Reason == SuppressionReason.Secondary));
        Assert.Equal((1, 3), (table.PrimaryCount, table.SecondaryCount));
        Assert.Equal(["125", "35", "25"], Enumerable.Range(0, 3).Select(r => table.RowTotal(r).Display));
        Assert.Equal(["50", "55", "80"], Enumerable.Range(0, 3).Select(c => table.ColumnTotal(c).Display));
        Assert.Equal("185", table.GrandTotal.Display);
        Assert.Equal("..", table.Cell(1, 1).Display);
        Assert.Equal("20", table.Cell(1, 2).Display);
        AssertNoLineHasExactlyOneHidden(table);
        Assert.Contains("1 small count(s) not shown; 3 further", table.Note);
    }

    [Fact]
    public void Create_SmallTotal_IsHiddenToo_AndTheTotalsLineProtected()
    {
        // A college where 4 students used the service: its cell and its row total are both small.
        var table = DisclosureTable.Create(Dimension.College, ["Girton", "Trinity"], Dimension.Year, ["2026"], [[4], [30]]);

        Assert.Equal(SuppressionReason.Primary, table.Cell(0, 0).Reason);
        Assert.Equal(SuppressionReason.Primary, table.RowTotal(0).Reason);
        AssertNoLineHasExactlyOneHidden(table);
        Assert.True(table.ColumnTotal(0).IsSuppressed || table.Cell(1, 0).IsSuppressed);
    }

    [Fact]
    public void Create_ZerosAreShown_AndNeverHiddenFirst()
    {
        var table = DisclosureTable.Create(Dimension.Gender, ["Woman", "Man"], Dimension.Month, Months, [[0, 4, 30], [0, 25, 40]]);

        Assert.Equal("0", table.Cell(0, 0).Display);
        Assert.Equal("0", table.Cell(1, 0).Display);
        Assert.Equal(SuppressionReason.Primary, table.Cell(0, 1).Reason);
        Assert.Equal(SuppressionReason.Secondary, table.Cell(1, 1).Reason); // Nov's column: 25 rather than Nov's total
        Assert.Equal(SuppressionReason.Secondary, table.Cell(0, 2).Reason);
        AssertNoLineHasExactlyOneHidden(table);
    }

    [Fact]
    public void Shares_AreHiddenWithTheirCellOrTheirBase()
    {
        int[][] counts = [[40, 35, 50], [3, 12, 20], [8, 10, 9]];
        var table = DisclosureTable.Create(Dimension.Disability, Disabilities, Dimension.Month, Months, counts);

        Assert.Equal(SuppressionReason.Primary, table.ShareOfRow(1, 0).Reason);
        Assert.Equal(SuppressionReason.Secondary, table.ShareOfColumn(1, 1).Reason);
        Assert.Equal("57%", table.ShareOfRow(1, 2).Display); // 20 of 35, unrounded
        Assert.Equal("78%", table.ShareOfColumn(0, 0).Display); // 40 of 51

        var small = DisclosureTable.Create(Dimension.Category, ["Housing"], Dimension.Month, ["Oct", "Nov"], [[10, 12]]);
        Assert.Equal(SuppressionReason.BaseTooSmall, small.ShareOfRow(0, 0).Reason); // 22 people
        Assert.Equal(SuppressionReason.BaseTooSmall, small.ShareOfColumn(0, 1).Reason); // 12 people

        // A visible zero in a row whose small total is hidden: its 0% would still say nothing, but a share of a hidden
        // base is never shown, so no percentage can be turned back into the base.
        var hiddenBase = DisclosureTable.Create(Dimension.Gender, ["Woman", "Man"], Dimension.Month, ["Oct", "Nov"], [[0, 4], [30, 30]]);
        Assert.False(hiddenBase.Cell(0, 0).IsSuppressed);
        Assert.Equal(SuppressionReason.Secondary, hiddenBase.ShareOfRow(0, 0).Reason);
    }

    [Fact]
    public void Create_CrossingMonitoringWithCollege_IsRefused()
    {
        Assert.Throws<RuleException>(() => DisclosureTable.Create(Dimension.Ethnicity, ["White"], Dimension.College, ["Girton"], [[12]]));
    }

    [Fact]
    public void Create_RaggedOrNegativeCounts_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => DisclosureTable.Create(Dimension.Category, ["A", "B"], Dimension.Month, Months, [[1, 2, 3], [1, 2]]));
        Assert.Throws<ArgumentException>(() => DisclosureTable.Create(Dimension.Category, ["A"], Dimension.Month, Months, [[1, -2, 3]]));
    }

    [Fact]
    public void Create_AnySensitiveTable_StopsWithNoRecoverableCell_AndTheSameEveryTime()
    {
        var tables = Gen.Choose(1, 5).SelectMany(rows => Gen.Choose(1, 5).SelectMany(columns =>
            Gen.Frequency((3, Gen.Choose(0, 6)), (2, Gen.Choose(7, 60)), (1, Gen.Constant(0)))
                .ArrayOf(columns).ArrayOf(rows))).ToArbitrary();

        Prop.ForAll(tables, counts =>
        {
            var rows = counts.Select((_, i) => $"r{i}").ToArray();
            var columns = counts[0].Select((_, i) => $"c{i}").ToArray();
            var table = DisclosureTable.Create(Dimension.Gender, rows, Dimension.Month, columns, counts);
            var again = DisclosureTable.Create(Dimension.Gender, rows, Dimension.Month, columns, counts);

            var primaryAreTheSmallCounts = Positions(table, withTotals: true).All(p =>
                (Unrounded(counts, p) is > 0 and < 5) == (Figure(table, p).Reason == SuppressionReason.Primary));
            return NoLineHasExactlyOneHidden(table)
                && primaryAreTheSmallCounts
                && Positions(table, withTotals: true).All(p => Figure(table, p) == Figure(again, p));
        }).QuickCheckThrowOnFailure();
    }

    private static IEnumerable<PublishedFigure> Cells(DisclosureTable table) => Positions(table).Select(p => table.Cell(p.Row, p.Column));

    private static IEnumerable<(int Row, int Column)> Positions(DisclosureTable table, bool withTotals = false)
    {
        var extra = withTotals ? 1 : 0;
        return Enumerable.Range(0, table.RowLabels.Count + extra).SelectMany(r => Enumerable.Range(0, table.ColumnLabels.Count + extra).Select(c => (r, c)));
    }

    /// <summary>Cells, with row totals as an extra column and column totals (and the grand total) as an extra row.</summary>
    private static PublishedFigure Figure(DisclosureTable table, (int Row, int Column) p)
    {
        var (totalRow, totalColumn) = (p.Row == table.RowLabels.Count, p.Column == table.ColumnLabels.Count);
        return (totalRow, totalColumn) switch
        {
            (true, true) => table.GrandTotal,
            (true, false) => table.ColumnTotal(p.Column),
            (false, true) => table.RowTotal(p.Row),
            _ => table.Cell(p.Row, p.Column),
        };
    }

    private static int Unrounded(int[][] counts, (int Row, int Column) p)
    {
        var rows = p.Row == counts.Length ? counts : [counts[p.Row]];
        return rows.Sum(row => p.Column == row.Length ? row.Sum() : row[p.Column]);
    }

    /// <summary>The check an attacker's subtraction needs: some row or column (totals included) with one figure missing.</summary>
    private static bool NoLineHasExactlyOneHidden(DisclosureTable table)
    {
        var all = Positions(table, withTotals: true).ToList();
        var rows = all.GroupBy(p => p.Row);
        var columns = all.GroupBy(p => p.Column);
        return rows.Concat(columns).All(line => line.Count(p => Figure(table, p).IsSuppressed) != 1);
    }

    private static void AssertNoLineHasExactlyOneHidden(DisclosureTable table) => Assert.True(NoLineHasExactlyOneHidden(table));
}
