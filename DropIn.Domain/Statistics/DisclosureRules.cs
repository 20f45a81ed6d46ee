namespace DropIn.Domain.Statistics;

/// <summary>
/// Disclosure control on every published figure, after the HESA standard rounding methodology, with small-count
/// suppression added for tables that involve monitoring data or small groups. <see cref="Statement"/> says the
/// same in words for every report and docs/statistics.md.
/// </summary>
public static class DisclosureRules
{
    public const int RoundingBase = 5;

    /// <summary>HESA: percentages are hidden where the base is fewer than 22.5 people (so 22 or fewer).</summary>
    public const decimal MinimumPercentageBase = 22.5m;

    /// <summary>HESA: averages are hidden where based on 7 or fewer people.</summary>
    public const int MaximumHiddenAverageBase = 7;

    /// <summary>
    /// In a sensitive table a non-zero count below this is hidden. Rounding alone would publish 3 or 4 people with
    /// a given disability in one college as "5"; with populations as small as ours, we hide them. Zero is shown:
    /// nobody is identified by it.
    /// </summary>
    public const int SmallCountThreshold = 5;

    public const string Statement =
        "Disclosure control (HESA standard rounding methodology). Every count is rounded to the nearest multiple of 5 "
        + "(0, 1 and 2 are shown as 0). Totals are calculated from the unrounded figures and then rounded, so they may "
        + "differ from the sum of the rounded figures shown. Percentages are calculated from unrounded figures and are "
        + "not shown where the base is fewer than 22.5 people; averages are not shown where they are based on 7 or "
        + "fewer people. In tables of equality-monitoring answers or of small groups (college, department, course), "
        + "counts of 1 to 4 people are not shown, and where a hidden figure could be worked out from a row or column "
        + "total, a further figure in that row or column is hidden too. Figures not shown appear as \"..\". "
        + "Equality-monitoring answers are never crossed with one another or with college, department or course.";

    /// <summary>
    /// The nearest multiple of 5, halves up; 0, 1 and 2 become 0. For whole counts a half never arises (the
    /// midpoint 2.5 is not a count), so 2 → 0, 3 → 5, 7 → 5, 8 → 10, 12 → 10, 13 → 15.
    /// </summary>
    public static int RoundCount(int unrounded)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(unrounded);
        return checked((unrounded + (RoundingBase / 2)) / RoundingBase * RoundingBase);
    }

    /// <summary>
    /// Refuses a table whose breakdowns would put monitoring answers into groups small enough to recognise
    /// someone. Monitoring may be crossed with a period or with what the service did (category, channel, outcome,
    /// status), which is the point of equality monitoring; not with another monitoring answer, nor with a
    /// small-population attribute such as college.
    /// </summary>
    public static void EnsureMayCross(Dimension rows, Dimension columns)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        if (rows == columns)
        {
            throw new RuleException($"A table cannot break {rows.Name} down by itself.");
        }

        var (monitoring, other) = rows.IsMonitoring ? (rows, columns) : (columns, rows);
        if (monitoring.IsMonitoring && (other.IsMonitoring || other.IsSmallPopulation))
        {
            throw new RuleException(
                $"{monitoring.Name} cannot be broken down by {other.Name}: equality-monitoring answers are never crossed with "
                + "another monitoring answer or a small group, as the numbers could identify people.");
        }
    }
}
