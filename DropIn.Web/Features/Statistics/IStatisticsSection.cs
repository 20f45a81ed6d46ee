namespace DropIn.Web.Features.Statistics;

/// <summary>
/// Extension point: a feature that owns its data adds a section of published tables to the dashboard, the exports and
/// the annual report. The feedback and impact surveys register one with <see cref="FeedbackSectionId"/> (wired when
/// that feature is merged); until then the dashboard says feedback results are not yet collected.
/// </summary>
/// <remarks>
/// An implementation must publish through DropIn.Domain.Statistics (DisclosureTable, PublishedFigure) so that its
/// figures get the same rounding and suppression as everything else, and must never cross monitoring answers with
/// another small-population attribute.
/// </remarks>
public interface IStatisticsSection
{
    public const string FeedbackSectionId = "feedback";

    string Id { get; }

    string Title { get; }

    Task<IReadOnlyList<PublishedTable>> BuildAsync(StatisticsPeriod period, CancellationToken cancellationToken);
}
