using System.ComponentModel.DataAnnotations;

namespace DropIn.Web.Features.Statistics;

/// <summary>Section DropIn:Statistics: the service's settings for published figures.</summary>
public sealed class StatisticsOptions
{
    public const string Section = "DropIn:Statistics";

    /// <summary>
    /// A total of students' financial gain from fewer cases than this is not published (5 by default): with fewer, one
    /// student's award could be worked out by someone who knows the others'.
    /// </summary>
    [Range(2, 50)]
    public int MoneyTotalMinimumCases { get; init; } = 5;
}
