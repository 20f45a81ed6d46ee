using System.Text.RegularExpressions;

namespace DropIn.Web.Features.Statistics;

/// <summary>
/// The labels under a chart's bars or points, chosen so that no two overlap. MudChart draws into a fixed 700 × 350
/// view box that is scaled to the page, so whether labels collide does not depend on the screen: it is worked out here
/// once, in view-box units, from the labels' length.
/// </summary>
public static partial class ChartAxis
{
    /// <summary>View-box units along the x axis that labels may use (the y axis's own labels take the rest).</summary>
    public const double Width = 600;

    /// <summary>The widest a character of MudChart's 12-unit axis text is taken to be, with room to spare.</summary>
    public const double CharacterWidth = 7.5;

    /// <summary>Clear space kept between neighbouring labels.</summary>
    public const double Gap = 10;

    /// <summary>
    /// A label per row, or "" where none is drawn. Rows in time (months, sessions) drop the year, which the period
    /// above the chart states, and only every so many is labelled; rows that are categories each keep a label,
    /// cut short with "…" where it would not fit (the table beside the chart has them whole).
    /// </summary>
    public static string[] Labels(IReadOnlyList<string> rows, bool timeAxis)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return [];
        }

        if (timeAxis)
        {
            var labels = rows.Select(r => Year().Replace(r, "").Trim()).ToArray();
            var fit = Math.Max(1, (int)(Width / Needed(labels.Max(l => l.Length))));
            var step = (labels.Length + fit - 1) / fit;
            return [.. labels.Select((l, i) => i % step == 0 ? l : "")];
        }

        var characters = (int)(((Width / rows.Count) - Gap) / CharacterWidth);
        return [.. rows.Select(r => r.Length <= characters ? r : characters < 2 ? "" : r[..(characters - 1)].TrimEnd() + "…")];
    }

    private static double Needed(int characters) => (characters * CharacterWidth) + Gap;

    [GeneratedRegex(@"\s\d{4}\b")]
    private static partial Regex Year();
}
