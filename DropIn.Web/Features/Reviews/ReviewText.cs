using DropIn.Domain.Reviews;

namespace DropIn.Web.Features.Reviews;

/// <summary>File reviews' values in words, one place for every screen.</summary>
public static class ReviewText
{
    public static string Score(CriterionScore score) => score switch
    {
        CriterionScore.Met => "Met",
        CriterionScore.PartlyMet => "Partly met",
        CriterionScore.NotMet => "Not met",
        _ => "Not applicable",
    };

    public static string Status(ReviewStatus status) => status switch
    {
        ReviewStatus.Drawn => "To review",
        ReviewStatus.Completed => "Waiting for the caseworker",
        _ => "Acknowledged",
    };

    public static string Path(Guid id) => $"/reviews/{id}";

    /// <summary>The first month of the quarter (January, April, July, October) holding <paramref name="month"/>.</summary>
    public static YearMonthQuarter QuarterOf(DropIn.Domain.Calendar.YearMonth month) => new(new DropIn.Domain.Calendar.YearMonth(month.Year, ((month.Month - 1) / 3 * 3) + 1));
}

/// <summary>A calendar quarter by its first month, with the label the overview shows ("January to March 2027").</summary>
public sealed record YearMonthQuarter(DropIn.Domain.Calendar.YearMonth First)
{
    public string Label => $"{First.FirstDay:MMMM} to {First.FirstDay.AddMonths(2):MMMM yyyy}";

    /// <summary>The quarter before this one.</summary>
    public YearMonthQuarter Previous => new(DropIn.Domain.Calendar.YearMonth.Of(First.FirstDay.AddMonths(-3)));

    /// <summary>This quarter and the <paramref name="count"/> - 1 before it, newest first: what the overview can show.</summary>
    public IReadOnlyList<YearMonthQuarter> AndEarlier(int count)
    {
        var quarters = new List<YearMonthQuarter> { this };
        while (quarters.Count < count)
        {
            quarters.Add(quarters[^1].Previous);
        }

        return quarters;
    }

    /// <summary>The quarter's three months, in order.</summary>
    public IReadOnlyList<DropIn.Domain.Calendar.YearMonth> Months => [.. Enumerable.Range(0, 3).Select(i => DropIn.Domain.Calendar.YearMonth.Of(First.FirstDay.AddMonths(i)))];
}
