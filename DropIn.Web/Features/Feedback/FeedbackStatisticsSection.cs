using DropIn.Domain.Feedback;
using DropIn.Web.Features.Statistics;

namespace DropIn.Web.Features.Feedback;

/// <summary>Feedback and impact answers on the statistics dashboard, in its exports and in the annual report.</summary>
public sealed class FeedbackStatisticsSection(FeedbackResultsService results) : IStatisticsSection
{
    public string Id => IStatisticsSection.FeedbackSectionId;

    public string Title => "Feedback and impact";

    public async Task<IReadOnlyList<PublishedTable>> BuildAsync(StatisticsPeriod period, CancellationToken cancellationToken)
    {
        var published = await results.PublishedAsync(period.From, period.To, FeedbackBreakdown.None);
        return [.. published.Tables.Select((q, i) => PublishedTable.From(
            $"feedback-{i + 1}", $"{(q.Kind == InvitationKind.Feedback ? "Feedback" : "Impact")}: {q.Question}", q.Table, rowHeading: "Answer"))];
    }
}
