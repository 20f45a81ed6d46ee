using Bunit;
using DropIn.Domain.Statistics;
using DropIn.Web.Features.Statistics;

namespace DropIn.Tests.Components;

/// <summary>Statistics at small numbers: an empty chart says why, "..'s meaning is written beside it, axis labels fit.</summary>
public sealed class StatisticsComponentTests : MudTestContext
{
    private static readonly string[] Months =
        ["Aug 2026", "Sept 2026", "Oct 2026", "Nov 2026", "Dec 2026", "Jan 2027", "Feb 2027", "Mar 2027", "Apr 2027", "May 2027", "Jun 2027", "Jul 2027"];

    private static PublishedTable ByMonth(Func<int, PublishedFigure> figure) => new(
        "cases", "Cases opened, by month", "Month", ["Cases"],
        [.. Months.Select((m, i) => new PublishedRow(m, [figure(i)]))], "Counts rounded to the nearest 5.") { TimeAxis = true };

    [Fact]
    public void Chart_EveryFigureRoundsToZero_SaysSoInsteadOfAnEmptyChart()
    {
        var chart = Render<PublishedChart>(p => p.Add(c => c.Table, ByMonth(_ => PublishedFigure.Count(2))));

        Assert.Empty(chart.FindAll("svg"));
        Assert.Contains("Nothing to chart: every figure here is 0", chart.Find("[data-testid=no-chart-cases]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Chart_EveryFigureHidden_SaysTheyAreTooFewToShow()
    {
        var chart = Render<PublishedChart>(p => p.Add(c => c.Table,
            ByMonth(i => i == 3 ? PublishedFigure.Suppressed(FigureKind.Count, SuppressionReason.Primary) : PublishedFigure.Count(0))));

        Assert.Empty(chart.FindAll("svg"));
        Assert.Contains("Too few to chart", chart.Find("[data-testid=no-chart-cases]").TextContent, StringComparison.Ordinal);
        Assert.Contains("privacy", chart.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void DonutChart_EveryTotalHidden_SaysWhyRatherThanShowingNothing()
    {
        var table = new PublishedTable("outcomes", "Cases closed, by outcome", "Month", ["Resolved", "Not resolved"],
            [new PublishedRow("Total", [PublishedFigure.Suppressed(FigureKind.Count, SuppressionReason.Primary), PublishedFigure.Count(0)], IsTotal: true)],
            "Counts rounded.", ChartKind.Donut);

        var chart = Render<PublishedChart>(p => p.Add(c => c.Table, table));

        Assert.Contains("Too few to chart", chart.Find("[data-testid=no-chart-outcomes]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Chart_WithFiguresToPlot_IsDrawn()
    {
        var chart = Render<PublishedChart>(p => p.Add(c => c.Table, ByMonth(i => PublishedFigure.Count(i))));

        Assert.NotEmpty(chart.FindAll("[data-testid=chart-cases] svg"));
        Assert.Empty(chart.FindAll("[data-testid=no-chart-cases]"));
    }

    [Fact]
    public void Table_WithAHiddenFigure_HasAKeyToTheSymbolBesideIt()
    {
        var view = Render<PublishedTableView>(p => p.Add(c => c.Table,
            ByMonth(i => i == 0 ? PublishedFigure.Suppressed(FigureKind.Percentage, SuppressionReason.BaseTooSmall) : PublishedFigure.Count(10))));

        var key = view.Find("[data-testid=key-cases]").TextContent;
        Assert.Contains(".. means not shown", key, StringComparison.Ordinal);
        Assert.Contains("a percentage or average based on too few people", key, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_WithNothingHidden_HasNoKey()
    {
        var view = Render<PublishedTableView>(p => p.Add(c => c.Table, ByMonth(_ => PublishedFigure.Count(10))));

        Assert.Empty(view.FindAll("[data-testid=key-cases]"));
    }

    [Fact]
    public void TimeAxis_TwelveMonths_AreShortEnoughThatNoneOverlap()
    {
        var labels = ChartAxis.Labels(Months, timeAxis: true);

        Assert.Equal(["Aug", "Sept", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul"], labels);
        AssertFits(labels);
    }

    [Fact]
    public void TimeAxis_AYearOfSessions_LabelsOnlySomeOfThem()
    {
        var sessions = Enumerable.Range(0, 80).Select(i => new DateOnly(2026, 9, 1).AddDays(i * 3).ToString("ddd d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))).ToList();

        var labels = ChartAxis.Labels(sessions, timeAxis: true);

        Assert.Equal("Tue 1 Sept", labels[0]);
        Assert.Contains("", labels);
        AssertFits(labels);
    }

    [Fact]
    public void CategoryAxis_LongNames_AreCutShortToFitTheirBars()
    {
        string[] groups = ["Asian or Asian British", "Black, Black British, Caribbean or African", "Mixed or multiple ethnic groups", "White", "Other ethnic group", "Prefer not to say", "Not answered"];

        var labels = ChartAxis.Labels(groups, timeAxis: false);

        Assert.Equal("White", labels[3]);
        Assert.All(labels.Zip(groups), p => Assert.True(p.First == p.Second || (p.First.EndsWith('…') && p.Second.StartsWith(p.First[..^1], StringComparison.Ordinal)), p.First));
        AssertFits(labels);
    }

    /// <summary>Every drawn label, spread evenly along the axis, has room for its characters and a gap.</summary>
    private static void AssertFits(string[] labels)
    {
        var slot = ChartAxis.Width / labels.Length;
        var drawn = labels.Select((l, i) => (l, i)).Where(x => x.l.Length > 0).ToList();
        for (var k = 1; k < drawn.Count; k++)
        {
            var room = (drawn[k].i - drawn[k - 1].i) * slot;
            var needed = ((drawn[k].l.Length + drawn[k - 1].l.Length) / 2.0 * ChartAxis.CharacterWidth) + ChartAxis.Gap;
            Assert.True(room >= needed, $"\"{drawn[k - 1].l}\" and \"{drawn[k].l}\" overlap: {room} units for {needed}");
        }
    }
}
