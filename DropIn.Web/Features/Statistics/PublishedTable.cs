using DropIn.Domain.Statistics;

namespace DropIn.Web.Features.Statistics;

/// <summary>How the dashboard draws a table; the table itself is always shown beside the chart.</summary>
public enum ChartKind
{
    None,

    /// <summary>Grouped bars: one group per row, one bar per column.</summary>
    Bar,

    /// <summary>One line per column across the rows (months or sessions).</summary>
    Line,

    /// <summary>The column totals as shares of a ring.</summary>
    Donut,
}

/// <summary>One row of a published table: a label and its figures, already rounded or hidden.</summary>
public sealed record PublishedRow(string Label, IReadOnlyList<PublishedFigure> Figures, bool IsTotal = false);

/// <summary>
/// A report table as it may leave the server: published figures only (rounded, or ".."), never an unrounded count.
/// Pages, charts, the CSV and the workbook all read this, so every one of them shows the same disclosure control.
/// </summary>
/// <param name="Id">Short and stable: test ids and worksheet names.</param>
/// <param name="Note">What disclosure control did to this table (e.g. <see cref="DisclosureTable.Note"/>).</param>
public sealed record PublishedTable(
    string Id, string Title, string RowHeading, IReadOnlyList<string> Columns, IReadOnlyList<PublishedRow> Rows, string Note,
    ChartKind Chart = ChartKind.Bar)
{
    /// <summary>Which columns the chart plots (by index); all but a trailing total when not given.</summary>
    public IReadOnlyList<int>? ChartColumns { get; init; }

    /// <summary>
    /// Whether the rows run in time (months, sessions): the chart then labels fewer of them, and without the year, which
    /// the period above it names. Rows that are categories keep one label each, shortened to fit.
    /// </summary>
    public bool TimeAxis { get; init; }

    /// <summary>Whether the last column is the row total, which a chart must not plot beside its parts.</summary>
    public bool HasTotalColumn { get; init; }

    public IReadOnlyList<int> PlottedColumns => ChartColumns ?? [.. Enumerable.Range(0, Columns.Count - (HasTotalColumn ? 1 : 0))];

    public bool HasSuppressed => Rows.Any(r => r.Figures.Any(f => f.IsSuppressed));

    /// <summary>The body rows (no totals), which the charts plot.</summary>
    public IReadOnlyList<PublishedRow> BodyRows => [.. Rows.Where(r => !r.IsTotal)];

    public PublishedRow? TotalRow => Rows.LastOrDefault(r => r.IsTotal);

    /// <summary>
    /// A disclosure table with its totals: a "Total" column after the columns and a "Total" row at the foot, as the
    /// totals were calculated (from unrounded counts, then rounded or hidden).
    /// </summary>
    public static PublishedTable From(string id, string title, DisclosureTable table, ChartKind chart = ChartKind.Bar, string? rowHeading = null)
    {
        var rows = table.RowLabels.Select((label, r) => new PublishedRow(label,
                [.. table.ColumnLabels.Select((_, c) => table.Cell(r, c)), table.RowTotal(r)]))
            .Append(new PublishedRow("Total", [.. table.ColumnLabels.Select((_, c) => table.ColumnTotal(c)), table.GrandTotal], IsTotal: true))
            .ToList();
        return new PublishedTable(id, title, rowHeading ?? table.Rows.Name, [.. table.ColumnLabels, "Total"], rows, table.Note, chart)
        {
            HasTotalColumn = true,
            TimeAxis = table.Rows.Kind == DimensionKind.Period,
        };
    }
}
