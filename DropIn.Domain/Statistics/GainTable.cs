namespace DropIn.Domain.Statistics;

/// <summary>
/// Money totals by one breakdown (the students' financial gain by case category), ready to publish: for each row the
/// number of cases behind it (rounded like every count) and their total in whole pounds, with a total row.
/// </summary>
/// <remarks>
/// A total from fewer than <see cref="MinimumCases"/> cases is hidden: with a handful of cases, a reader who knows one
/// student's award can work out the others'. The rows and the total row form one equation (the rows add up to the
/// total), so where exactly one money figure is hidden, a second is hidden too, the one from the fewest cases, as
/// <see cref="DisclosureTable"/> does for counts.
/// </remarks>
public sealed class GainTable
{
    private readonly (int Cases, long Pounds)[] _rows;
    private readonly SuppressionReason[] _reasons;

    private GainTable(IReadOnlyList<string> labels, (int Cases, long Pounds)[] rows, int minimumCases)
    {
        (Labels, _rows, MinimumCases) = (labels, rows, minimumCases);
        _reasons = new SuppressionReason[rows.Length];
    }

    /// <summary>The row labels, without the total row (the last of the internal rows).</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>A money total from fewer cases than this is not shown.</summary>
    public int MinimumCases { get; }

    /// <summary>How many money figures are hidden, the total row's included.</summary>
    public int HiddenCount => _reasons.Count(r => r != SuppressionReason.None);

    private int TotalRow => Labels.Count;

    /// <param name="rows">Per label: the unrounded number of cases with a gain, and their gains added up in whole pounds.</param>
    /// <param name="minimumCases">The fewest cases a shown money total may come from (the service's setting, 5 by default).</param>
    /// <exception cref="ArgumentException">Labels and rows differ in number, or a figure is negative.</exception>
    public static GainTable Create(IReadOnlyList<string> labels, IReadOnlyList<(int Cases, long Pounds)> rows, int minimumCases)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumCases, 1);
        if (labels.Count != rows.Count || rows.Any(r => r.Cases < 0 || r.Pounds < 0))
        {
            throw new ArgumentException("One row of non-negative figures per label.", nameof(rows));
        }

        var all = rows.Append((rows.Sum(r => r.Cases), rows.Sum(r => r.Pounds))).ToArray();
        var table = new GainTable([.. labels], all, minimumCases);
        table.Suppress();
        return table;
    }

    /// <summary>How many cases the row's total comes from, rounded to the nearest 5.</summary>
    public PublishedFigure Cases(int row) => PublishedFigure.Count(_rows[InRange(row)].Cases);

    /// <summary>The row's total gain in pounds, or hidden.</summary>
    public PublishedFigure Pounds(int row) => Figure(InRange(row));

    public PublishedFigure TotalCases => PublishedFigure.Count(_rows[TotalRow].Cases);

    public PublishedFigure TotalPounds => Figure(TotalRow);

    /// <summary>What was applied to this table, for the foot of the report.</summary>
    public string Note =>
        $"Numbers of cases rounded to the nearest 5. Money totals in whole pounds, not shown where they come from fewer than {MinimumCases} cases; {HiddenCount} money figure(s) not shown.";

    private void Suppress()
    {
        // Primary: a non-zero total from too few cases. A row with no gain shows £0: nobody is identified by it.
        for (var r = 0; r < _rows.Length; r++)
        {
            if (_rows[r].Cases is > 0 and var n && n < MinimumCases)
            {
                _reasons[r] = SuppressionReason.TooFewCases;
            }
        }

        // Secondary: one hidden figure in the line would be the total less the rest. Hide the row from the fewest
        // cases (the least lost), zeros last (the easiest to guess), first position on ties: the same data gives the same table.
        if (_reasons.Count(r => r != SuppressionReason.None) == 1)
        {
            var next = Enumerable.Range(0, _rows.Length).Where(r => _reasons[r] == SuppressionReason.None)
                .OrderBy(r => _rows[r].Cases == 0).ThenBy(r => r == TotalRow).ThenBy(r => _rows[r].Cases).First();
            _reasons[next] = SuppressionReason.Secondary;
        }
    }

    private PublishedFigure Figure(int r) =>
        _reasons[r] == SuppressionReason.None ? PublishedFigure.Money(_rows[r].Pounds) : PublishedFigure.Suppressed(FigureKind.Money, _reasons[r]);

    private int InRange(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, TotalRow);
        return row;
    }
}
