using DropIn.Domain.Statistics;

namespace DropIn.Web.Features.Statistics;

/// <summary>A headline figure for the cards at the top of the dashboard and the annual report's narrative.</summary>
public sealed record Headline(string Id, string Label, PublishedFigure Figure);

/// <summary>A group of tables under one heading; <paramref name="Pending"/> explains an empty section.</summary>
public sealed record ReportSection(string Id, string Title, IReadOnlyList<PublishedTable> Tables, string? Pending = null);

/// <summary>Every statistic for a period, published figures only.</summary>
public sealed record StatisticsReport(StatisticsPeriod Period, DateTimeOffset MadeAt, IReadOnlyList<Headline> Headlines, IReadOnlyList<ReportSection> Sections)
{
    public IEnumerable<PublishedTable> Tables => Sections.SelectMany(s => s.Tables);

    public PublishedFigure Headline(string id) => Headlines.Single(h => h.Id == id).Figure;

    public PublishedTable Table(string id) => Tables.Single(t => t.Id == id);
}
