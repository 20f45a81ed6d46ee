using DropIn.Domain.Calendar;
using DropIn.Domain.Cases;
using DropIn.Domain.Enquiries;
using DropIn.Domain.Retention;

namespace DropIn.Domain.Feedback;

/// <summary>
/// An anonymous answer to a feedback or impact form. It holds the answers and coarse attributes only: no student,
/// case, invitation or token, no email or address, and the month it came in rather than the moment, so it cannot be
/// traced back to whoever sent it.
/// </summary>
public sealed class FeedbackResponse
{
    public const int MaxCommentsLength = 1000;

    private FeedbackResponse()
    {
    }

    public Guid Id { get; private set; }
    public InvitationKind Kind { get; private set; }
    public YearMonth Month { get; private set; }
    public EnquiryChannel? Channel { get; private set; }
    public StudentStatus StudentStatus { get; private set; }
    public LevelOfStudyBand LevelOfStudy { get; private set; }

    public int? Satisfaction { get; private set; }
    public Recommend? WouldRecommend { get; private set; }
    public Understanding? UnderstoodOptions { get; private set; }
    public AfterSupport? WhatHappened { get; private set; }
    public Change? Studies { get; private set; }
    public Change? Wellbeing { get; private set; }

    /// <summary>Optional free text; encrypted at rest. Never published in statistics.</summary>
    public string? Comments { get; private set; }

    public static FeedbackResponse Feedback(FeedbackInvitation invitation, FeedbackAnswers answers, DateTimeOffset now)
    {
        Require(invitation, InvitationKind.Feedback);
        if (answers.Satisfaction is < 1 or > 5 || !Enum.IsDefined(answers.WouldRecommend) || !Enum.IsDefined(answers.UnderstoodOptions))
        {
            throw new RuleException("Please answer the three questions.");
        }

        var response = Anonymous(invitation, now, answers.Comments);
        (response.Satisfaction, response.WouldRecommend, response.UnderstoodOptions) = (answers.Satisfaction, answers.WouldRecommend, answers.UnderstoodOptions);
        return response;
    }

    public static FeedbackResponse Impact(FeedbackInvitation invitation, ImpactAnswers answers, DateTimeOffset now)
    {
        Require(invitation, InvitationKind.Impact);
        if (!Enum.IsDefined(answers.WhatHappened) || !Enum.IsDefined(answers.Studies) || !Enum.IsDefined(answers.Wellbeing))
        {
            throw new RuleException("Please answer the three questions.");
        }

        var response = Anonymous(invitation, now, answers.Comments);
        (response.WhatHappened, response.Studies, response.Wellbeing) = (answers.WhatHappened, answers.Studies, answers.Wellbeing);
        return response;
    }

    private static void Require(FeedbackInvitation invitation, InvitationKind kind)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        if (invitation.Kind != kind)
        {
            throw new RuleException("This link is for a different form.");
        }
    }

    private static FeedbackResponse Anonymous(FeedbackInvitation invitation, DateTimeOffset now, string? comments)
    {
        comments = string.IsNullOrWhiteSpace(comments) ? null : comments.Trim();
        if (comments is { Length: > MaxCommentsLength })
        {
            throw new RuleException($"Your comments can be at most {MaxCommentsLength} characters.");
        }

        return new FeedbackResponse
        {
            Id = Guid.NewGuid(), Kind = invitation.Kind, Month = YearMonth.Of(now), Channel = invitation.Channel,
            StudentStatus = invitation.StudentStatus, LevelOfStudy = invitation.LevelOfStudy, Comments = comments,
        };
    }
}
