namespace DropIn.Domain.Conduct;

/// <summary>What a manager decides, before the notice letter is written.</summary>
/// <param name="Grounds">The behaviours the decision rests on (at least one).</param>
/// <param name="Reasons">Why, in the manager's words: what happened and why withdrawal is the answer.</param>
/// <param name="ReviewOn">When the decision is looked at again (after today, within <see cref="Withdrawal.MaxReviewMonths"/> months).</param>
/// <param name="NoWarningReason">Required when no written warning came first: why one was not possible.</param>
/// <param name="AlternativeId">The service in the referral directory offered instead.</param>
/// <param name="NoAlternativeReason">Required when no alternative is offered: why none is possible.</param>
public sealed record WithdrawalDecision(
    IncidentKind Grounds,
    string Reasons,
    DateOnly ReviewOn,
    string? NoWarningReason,
    Guid? AlternativeId,
    string? NoAlternativeReason,
    LetterDelivery Delivery);

/// <summary>
/// A decision to withdraw the service from a student: the reasons, who decided and when, the alternative source of advice
/// offered, the notice letter as sent, and a review date. In force until lifted; at the review date a manager lifts it
/// or sets the next review.
/// </summary>
public sealed class Withdrawal
{
    public const int MaxReviewMonths = 12;
    public const int MaxReasonsLength = 4000;
    public const int MaxNoticeLength = 8000;

    private Withdrawal()
    {
    }

    public Guid Id { get; private set; }
    public Guid StudentId { get; private set; }
    public IncidentKind Grounds { get; private set; }

    /// <summary>Encrypted at rest, as are the other free-text reasons and the notice.</summary>
    public string Reasons { get; private set; } = "";
    public string DecidedBy { get; private set; } = "";
    public DateTimeOffset DecidedAt { get; private set; }
    public DateOnly ReviewOn { get; private set; }

    /// <summary>The written warning that came first, if one did.</summary>
    public Guid? WarningId { get; private set; }
    public string? NoWarningReason { get; private set; }

    /// <summary>The directory entry offered, with its name and contact as the letter gave them (the directory may change later).</summary>
    public Guid? AlternativeId { get; private set; }
    public string? AlternativeName { get; private set; }
    public string? AlternativeContact { get; private set; }
    public string? NoAlternativeReason { get; private set; }

    public string NoticeText { get; private set; } = "";
    public LetterDelivery Delivery { get; private set; }

    public DateTimeOffset? LiftedAt { get; private set; }
    public string? LiftedBy { get; private set; }
    public string? LiftReason { get; private set; }
    public int Version { get; private set; }

    public bool IsActive => LiftedAt is null;

    public bool ReviewDue(DateOnly today) => IsActive && ReviewOn <= today;

    /// <summary>Checks a decision before its notice letter is drafted, so a manager hears about a gap before writing.</summary>
    /// <param name="warning">The student's most recent written warning, if any.</param>
    /// <param name="alternative">The directory entry chosen, loaded by the caller (null when none was chosen).</param>
    public static WithdrawalDecision Validate(WithdrawalDecision decision, ConductWarning? warning, AlternativeSource? alternative, DateOnly today)
    {
        var grounds = IncidentKinds.RequireGrounds(decision.Grounds);
        var reasons = decision.Reasons?.Trim() ?? "";
        if (reasons.Length is 0 or > MaxReasonsLength)
        {
            throw new RuleException($"Explain the reasons for the decision (1 to {MaxReasonsLength} characters); the student is told them.");
        }

        if (decision.ReviewOn <= today)
        {
            throw new RuleException("Set a review date after today.");
        }

        if (decision.ReviewOn > today.AddMonths(MaxReviewMonths))
        {
            throw new RuleException($"Set a review date at most {MaxReviewMonths} months ahead.");
        }

        var noWarning = Optional(decision.NoWarningReason);
        if (warning is null && noWarning is null)
        {
            throw new RuleException("No written warning has been given. The code of practice asks for one first where possible: issue a warning, or record why one was not possible.");
        }

        if (warning is null && grounds.HasFlag(IncidentKind.MissedAppointmentsAfterWarning))
        {
            throw new RuleException("Missed appointments are a ground only after a warning: issue a warning first.");
        }

        var noAlternative = Optional(decision.NoAlternativeReason);
        if (decision.AlternativeId is not null && alternative is null)
        {
            throw new RuleException("That service is no longer in the referral directory; choose another.");
        }

        if (alternative is null && noAlternative is null)
        {
            throw new RuleException("Choose an alternative source of advice from the referral directory, or record why none can be offered.");
        }

        return decision with
        {
            Grounds = grounds,
            Reasons = reasons,
            NoWarningReason = warning is null ? noWarning : null,
            NoAlternativeReason = alternative is null ? noAlternative : null,
            Delivery = Letters.RequireDelivery(decision.Delivery),
        };
    }

    public static Withdrawal Decide(Guid studentId, WithdrawalDecision decision, ConductWarning? warning, AlternativeSource? alternative, string noticeText, string by, DateTimeOffset now, DateOnly today)
    {
        var valid = Validate(decision, warning, alternative, today);
        if (warning is not null && warning.StudentId != studentId)
        {
            throw new RuleException("That warning was given to someone else.");
        }

        return new Withdrawal
        {
            Id = Guid.NewGuid(),
            StudentId = studentId,
            Grounds = valid.Grounds,
            Reasons = valid.Reasons,
            ReviewOn = valid.ReviewOn,
            WarningId = warning?.Id,
            NoWarningReason = valid.NoWarningReason,
            AlternativeId = alternative?.Id,
            AlternativeName = alternative?.Name,
            AlternativeContact = alternative?.Contact,
            NoAlternativeReason = valid.NoAlternativeReason,
            NoticeText = Letters.Require(noticeText, MaxNoticeLength),
            Delivery = valid.Delivery,
            DecidedBy = by,
            DecidedAt = now,
        };
    }

    /// <summary>Ends the withdrawal, early or at review: the student may use the service again.</summary>
    public void Lift(string reason, string by, DateTimeOffset now)
    {
        RequireActive();
        LiftReason = Require(reason, "Give the reason for lifting the withdrawal; it is recorded.");
        LiftedBy = by;
        LiftedAt = now;
        Version++;
    }

    /// <summary>At review, the manager keeps the withdrawal in force until a later review date.</summary>
    public void SetNextReview(DateOnly next, DateOnly today)
    {
        RequireActive();
        if (next <= today || next > today.AddMonths(MaxReviewMonths))
        {
            throw new RuleException($"Set the next review date after today and at most {MaxReviewMonths} months ahead.");
        }

        ReviewOn = next;
        Version++;
    }

    public void MoveTo(Guid studentId) => StudentId = studentId;

    private void RequireActive()
    {
        if (!IsActive)
        {
            throw new RuleException("This withdrawal has already been lifted.");
        }
    }

    private static string Require(string? text, string message)
    {
        text = text?.Trim() ?? "";
        return text.Length is > 0 and <= MaxReasonsLength ? text : throw new RuleException(message);
    }

    private static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim()[..Math.Min(text.Trim().Length, MaxReasonsLength)];
}

/// <summary>An entry from the referral directory, as offered in a notice letter.</summary>
public sealed record AlternativeSource(Guid Id, string Name, string? Description, string? Contact);
