using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Calendar;
using DropIn.Domain.Cases;
using DropIn.Domain.Enquiries;
using DropIn.Domain.Feedback;
using DropIn.Domain.Retention;
using DropIn.Domain.Statistics;
using DropIn.Web.Data;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Feedback;

/// <summary>What the answers may be broken down by: only the coarse attributes a response keeps.</summary>
public enum FeedbackBreakdown
{
    None,
    Channel,
    StudentStatus,
    LevelOfStudy,
}

/// <summary>One question's answers as a published table: rows are the answers, columns the breakdown.</summary>
public sealed record QuestionTable(InvitationKind Kind, string Question, DisclosureTable Table);

public sealed record FeedbackResults(YearMonth From, YearMonth To, PublishedFigure FeedbackResponses, PublishedFigure ImpactResponses, IReadOnlyList<QuestionTable> Tables);

/// <summary>
/// Counts of answers for a period, published only through <see cref="DisclosureTable"/>: rounded to 5, and with small
/// counts suppressed when broken down by level of study (a monitoring answer). Free-text comments are never counted
/// or shown here.
/// </summary>
public sealed class FeedbackResultsService(IDbContextFactory<DropInDbContext> dbFactory, StaffAuthorizer authorizer)
{
    private static readonly Dimension AllResponses = new("Period", DimensionKind.Period);

    private sealed record Question(InvitationKind Kind, string Text, IReadOnlyList<string> Answers, Func<Row, int?> AnswerOf);

    private sealed record Row(InvitationKind Kind, int Month, EnquiryChannel? Channel, StudentStatus Status, LevelOfStudyBand Level,
        int? Satisfaction, Recommend? WouldRecommend, Understanding? UnderstoodOptions, AfterSupport? WhatHappened, Change? Studies, Change? Wellbeing);

    private static readonly Question[] Questions =
    [
        new(InvitationKind.Feedback, FeedbackText.Satisfaction, FeedbackText.SatisfactionLabels, r => r.Satisfaction - 1),
        Of<Recommend>(InvitationKind.Feedback, FeedbackText.WouldRecommend, FeedbackText.Of, r => r.WouldRecommend),
        Of<Understanding>(InvitationKind.Feedback, FeedbackText.UnderstoodOptions, FeedbackText.Of, r => r.UnderstoodOptions),
        Of<AfterSupport>(InvitationKind.Impact, FeedbackText.WhatHappened, FeedbackText.Of, r => r.WhatHappened),
        Of<Change>(InvitationKind.Impact, FeedbackText.Studies, FeedbackText.Of, r => r.Studies),
        Of<Change>(InvitationKind.Impact, FeedbackText.Wellbeing, FeedbackText.Of, r => r.Wellbeing),
    ];

    public async Task<FeedbackResults> ResultsAsync(ClaimsPrincipal user, YearMonth from, YearMonth to, FeedbackBreakdown by)
    {
        await authorizer.RequireAsync(user, Permissions.ViewStatistics);
        return await PublishedAsync(from, to, by);
    }

    /// <summary>For the statistics dashboard, which has checked the permission itself.</summary>
    internal async Task<FeedbackResults> PublishedAsync(YearMonth from, YearMonth to, FeedbackBreakdown by)
    {
        if (from.ToNumber() > to.ToNumber())
        {
            throw new RuleException("The period must start before it ends.");
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        // Few rows (one per form sent in); the month filter runs here because YearMonth is stored as yyyymm through a converter.
        var rows = (await db.FeedbackResponses.AsNoTracking()
                .Select(r => new { r.Kind, r.Month, r.Channel, r.StudentStatus, r.LevelOfStudy, r.Satisfaction, r.WouldRecommend, r.UnderstoodOptions, r.WhatHappened, r.Studies, r.Wellbeing })
                .ToListAsync())
            .Select(r => new Row(r.Kind, r.Month.ToNumber(), r.Channel, r.StudentStatus, r.LevelOfStudy, r.Satisfaction, r.WouldRecommend, r.UnderstoodOptions, r.WhatHappened, r.Studies, r.Wellbeing))
            .Where(r => r.Month >= from.ToNumber() && r.Month <= to.ToNumber()).ToList();
        var (dimension, labels, columnOf) = Columns(by, from, to);
        var tables = Questions.Select(q =>
        {
            var answered = rows.Where(r => r.Kind == q.Kind && q.AnswerOf(r) is not null).ToList();
            var counts = q.Answers.Select((_, answer) => (IReadOnlyList<int>)labels.Select((_, column) =>
                answered.Count(r => q.AnswerOf(r) == answer && columnOf(r) == column)).ToList()).ToList();
            return new QuestionTable(q.Kind, q.Text, DisclosureTable.Create(new Dimension(q.Text, DimensionKind.Service), q.Answers, dimension, labels, counts));
        }).ToList();
        return new FeedbackResults(from, to, PublishedFigure.Count(rows.Count(r => r.Kind == InvitationKind.Feedback)),
            PublishedFigure.Count(rows.Count(r => r.Kind == InvitationKind.Impact)), tables);
    }

    private static Question Of<T>(InvitationKind kind, string text, Func<T, string> label, Func<Row, T?> answer)
        where T : struct, Enum =>
        new(kind, text, [.. Enum.GetValues<T>().Select(label)], r => answer(r) is { } a ? Array.IndexOf(Enum.GetValues<T>(), a) : null);

    private static (Dimension Dimension, IReadOnlyList<string> Labels, Func<Row, int> ColumnOf) Columns(FeedbackBreakdown by, YearMonth from, YearMonth to) => by switch
    {
        FeedbackBreakdown.Channel => (Dimension.Channel, [.. Enum.GetValues<EnquiryChannel>().Select(c => FeedbackText.Of(c)), FeedbackText.Of((EnquiryChannel?)null)],
            r => r.Channel is { } c ? (int)c : Enum.GetValues<EnquiryChannel>().Length),
        FeedbackBreakdown.StudentStatus => (Dimension.StudentStatus, [.. Enum.GetValues<StudentStatus>().Select(FeedbackText.Of)], r => (int)r.Status),
        FeedbackBreakdown.LevelOfStudy => (Dimension.LevelOfStudy, [.. Enum.GetValues<LevelOfStudyBand>().Select(FeedbackText.Of)], r => (int)r.Level),
        _ => (AllResponses, [from == to ? from.ToString() : $"{from} to {to}"], _ => 0),
    };
}
