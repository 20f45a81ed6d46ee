using System.ComponentModel.DataAnnotations;

namespace DropIn.Web.Features.Feedback;

/// <summary>Section DropIn:Feedback: when the anonymous feedback and impact invitations go.</summary>
public sealed class FeedbackOptions
{
    public const string Section = "DropIn:Feedback";

    /// <summary>Days after the student's first contact that the feedback invitation falls due (sent from 10:00 on a working day).</summary>
    [Range(0, 60)]
    public int InviteAfterDays { get; init; } = 3;

    /// <summary>Months after a case closes that the impact invitation falls due.</summary>
    [Range(1, 24)]
    public int ImpactAfterMonths { get; init; } = 3;
}
