using System.Globalization;

namespace DropIn.Domain.Statistics;

/// <summary>
/// A two-way table of counts of people ready to publish: every cell, row total, column total and the grand total
/// rounded from unrounded data, with small counts and the figures that would reveal them hidden.
/// </summary>
/// <remarks>
/// Internally the table is one grid with its totals as an extra last row and column. Each line of that grid
/// (every row, including the totals row, and every column, including the totals column) is an equation: its
/// entries add up to its last entry. A line with exactly one hidden entry gives that entry away by subtraction,
/// which is what secondary suppression prevents.
/// </remarks>
public sealed class DisclosureTable
{
    private readonly int[][] _counts;
    private readonly SuppressionReason[][] _reasons;

    private DisclosureTable(Dimension rows, IReadOnlyList<string> rowLabels, Dimension columns, IReadOnlyList<string> columnLabels, int[][] counts)
    {
        (Rows, RowLabels, Columns, ColumnLabels, _counts) = (rows, rowLabels, columns, columnLabels, counts);
        _reasons = counts.Select(line => new SuppressionReason[line.Length]).ToArray();
    }

    public Dimension Rows { get; }
    public Dimension Columns { get; }
    public IReadOnlyList<string> RowLabels { get; }
    public IReadOnlyList<string> ColumnLabels { get; }

    /// <summary>Whether small counts are suppressed here (a monitoring or small-population breakdown) or only rounded.</summary>
    public bool IsSensitive => Rows.IsSensitive || Columns.IsSensitive;

    public int PrimaryCount => CountOf(SuppressionReason.Primary);
    public int SecondaryCount => CountOf(SuppressionReason.Secondary);

    private int TotalRow => RowLabels.Count;
    private int TotalColumn => ColumnLabels.Count;

    /// <param name="counts">Unrounded counts of people, one list per row label, one entry per column label.</param>
    /// <param name="smallCountThreshold">In a sensitive table, non-zero counts below this are hidden.</param>
    public static DisclosureTable Create(
        Dimension rows, IReadOnlyList<string> rowLabels, Dimension columns, IReadOnlyList<string> columnLabels,
        IReadOnlyList<IReadOnlyList<int>> counts, int smallCountThreshold = DisclosureRules.SmallCountThreshold)
    {
        DisclosureRules.EnsureMayCross(rows, columns);
        ArgumentOutOfRangeException.ThrowIfLessThan(smallCountThreshold, 1);
        if (rowLabels.Count == 0 || columnLabels.Count == 0 || counts.Count != rowLabels.Count
            || counts.Any(row => row.Count != columnLabels.Count || row.Any(c => c < 0)))
        {
            throw new ArgumentException("Counts must be non-negative, one per row and column label.", nameof(counts));
        }

        var table = new DisclosureTable(rows, [.. rowLabels], columns, [.. columnLabels], WithTotals(counts));
        if (table.IsSensitive)
        {
            table.SuppressSmallCounts(smallCountThreshold);
            table.SuppressRecoverableCounts();
        }

        return table;
    }

    public PublishedFigure Cell(int row, int column) => Figure(InRange(row, TotalRow), InRange(column, TotalColumn));

    public PublishedFigure RowTotal(int row) => Figure(InRange(row, TotalRow), TotalColumn);

    public PublishedFigure ColumnTotal(int column) => Figure(TotalRow, InRange(column, TotalColumn));

    public PublishedFigure GrandTotal => Figure(TotalRow, TotalColumn);

    /// <summary>A cell as a percentage of its row total, from unrounded counts; hidden with the cell or its total.</summary>
    public PublishedFigure ShareOfRow(int row, int column) => Share(InRange(row, TotalRow), InRange(column, TotalColumn), row, TotalColumn);

    /// <summary>A cell as a percentage of its column total, from unrounded counts; hidden with the cell or its total.</summary>
    public PublishedFigure ShareOfColumn(int row, int column) => Share(InRange(row, TotalRow), InRange(column, TotalColumn), TotalRow, column);

    /// <summary>What was applied to this table, for the foot of the report.</summary>
    public string Note => !IsSensitive
        ? "Counts rounded to the nearest 5; totals rounded from unrounded figures."
        : string.Create(
            CultureInfo.InvariantCulture,
            $"Counts rounded to the nearest 5; totals rounded from unrounded figures. {PrimaryCount} small count(s) not shown; {SecondaryCount} further figure(s) not shown so that they cannot be worked out from totals.");

    private static int[][] WithTotals(IReadOnlyList<IReadOnlyList<int>> counts)
    {
        var columns = counts[0].Count;
        var grid = counts.Select(row => row.Append(row.Sum()).ToArray()).ToList();
        grid.Add(Enumerable.Range(0, columns + 1).Select(c => grid.Sum(row => row[c])).ToArray());
        return [.. grid];
    }

    /// <summary>Primary suppression: non-zero counts below the threshold, totals included (a row total of 3 is as revealing as a cell of 3).</summary>
    private void SuppressSmallCounts(int threshold)
    {
        foreach (var (r, c) in AllPositions().Where(p => _counts[p.Row][p.Column] is > 0 and var n && n < threshold))
        {
            _reasons[r][c] = SuppressionReason.Primary;
        }
    }

    /// <summary>
    /// Secondary suppression. While some line has exactly one hidden entry, hide one more entry of the first such
    /// line. Every pass hides one more of a finite number of entries, so it stops; lines are scanned in a fixed
    /// order and ties broken by position, so the same data always gives the same table. A line always has a
    /// second entry to hide (it holds at least one cell and its total).
    /// </summary>
    private void SuppressRecoverableCounts()
    {
        while (Lines().FirstOrDefault(line => line.Count(IsHidden) == 1) is { } exposed)
        {
            var (r, c) = exposed.Where(p => !IsHidden(p)).OrderBy(p => CostOfHiding(p, exposed)).First();
            _reasons[r][c] = SuppressionReason.Secondary;
        }
    }

    /// <summary>
    /// Which entry to hide second, cheapest first. A zero comes last, as it is the easiest figure to guess. Before
    /// that, an entry whose other line (its column, if the exposed line is a row) also has exactly one hidden entry,
    /// because hiding it closes both lines at once: two hidden cells in one row and two in one column form the
    /// usual rectangle instead of a spreading chain. Then a cell before the line's total (a hidden total takes the
    /// problem to the totals line), and the smallest count (the least information lost). OrderBy is stable, so among
    /// equals the first position wins.
    /// </summary>
    private (bool IsZero, bool LeavesOtherLineExposed, bool IsTotal, int Count) CostOfHiding((int Row, int Column) p, (int Row, int Column)[] line)
    {
        var count = _counts[p.Row][p.Column];
        var exposedIsRow = line[0].Row == line[1].Row;
        var otherLine = exposedIsRow ? ColumnLine(p.Column) : RowLine(p.Row);
        return (count == 0, otherLine.Count(IsHidden) != 1, p == line[^1], count);
    }

    private bool IsHidden((int Row, int Column) p) => _reasons[p.Row][p.Column] != SuppressionReason.None;

    /// <summary>Every row of the grid then every column, each ending with its total.</summary>
    private IEnumerable<(int Row, int Column)[]> Lines() =>
        Enumerable.Range(0, TotalRow + 1).Select(RowLine).Concat(Enumerable.Range(0, TotalColumn + 1).Select(ColumnLine));

    private (int Row, int Column)[] RowLine(int r) => [.. Enumerable.Range(0, TotalColumn + 1).Select(c => (r, c))];

    private (int Row, int Column)[] ColumnLine(int c) => [.. Enumerable.Range(0, TotalRow + 1).Select(r => (r, c))];

    private IEnumerable<(int Row, int Column)> AllPositions() =>
        Enumerable.Range(0, TotalRow + 1).SelectMany(r => Enumerable.Range(0, TotalColumn + 1).Select(c => (r, c)));

    private int CountOf(SuppressionReason reason) => _reasons.Sum(line => line.Count(r => r == reason));

    private PublishedFigure Figure(int r, int c) =>
        _reasons[r][c] == SuppressionReason.None ? PublishedFigure.Count(_counts[r][c]) : PublishedFigure.Suppressed(FigureKind.Count, _reasons[r][c]);

    private PublishedFigure Share(int r, int c, int baseRow, int baseColumn)
    {
        if (_reasons[r][c] != SuppressionReason.None)
        {
            return PublishedFigure.Suppressed(FigureKind.Percentage, _reasons[r][c]);
        }

        // A percentage of a hidden total, next to the rounded cell, would give the total away.
        return _reasons[baseRow][baseColumn] != SuppressionReason.None
            ? PublishedFigure.Suppressed(FigureKind.Percentage, SuppressionReason.Secondary)
            : PublishedFigure.Percentage(_counts[r][c], _counts[baseRow][baseColumn]);
    }

    private static int InRange(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        return index;
    }
}
