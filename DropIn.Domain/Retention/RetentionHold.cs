using DropIn.Domain.Calendar;

namespace DropIn.Domain.Retention;

/// <summary>
/// A manager's documented decision to keep a record past its destruction date, such as for an ongoing complaint
/// or legal matter. A review date that passes does not lift the hold (evidence must not vanish because a date
/// went by); the retention review lists it as due for review until a manager renews or lifts it.
/// </summary>
public sealed class RetentionHold
{
    public const int MaxReasonLength = 500;

    /// <summary>How far ahead a review may be set: the point of a review date is that someone looks again.</summary>
    public const int MaxReviewMonths = 12;

    private RetentionHold()
    {
    }

    public Guid Id { get; private set; }
    public Guid StudentId { get; private set; }
    public string Reason { get; private set; } = "";
    public string PlacedBy { get; private set; } = "";
    public DateTimeOffset PlacedAt { get; private set; }
    public DateOnly ReviewOn { get; private set; }
    public DateTimeOffset? LiftedAt { get; private set; }
    public string? LiftedBy { get; private set; }

    public bool IsActive => LiftedAt is null;

    public static RetentionHold Place(Guid studentId, string reason, DateOnly reviewOn, string by, DateTimeOffset now)
    {
        reason = reason?.Trim() ?? "";
        if (reason.Length == 0)
        {
            throw new RuleException("Record why the record is being kept, such as the complaint or legal matter.");
        }

        if (reason.Length > MaxReasonLength)
        {
            throw new RuleException($"Keep the reason to {MaxReasonLength} characters.");
        }

        return new RetentionHold
        {
            Id = Guid.NewGuid(), StudentId = studentId, Reason = reason, PlacedBy = by, PlacedAt = now, ReviewOn = ValidReviewDate(reviewOn, now),
        };
    }

    public bool IsReviewDue(DateOnly today) => IsActive && ReviewOn <= today;

    /// <summary>The hold still stands after a review; the manager sets when to look again.</summary>
    public void Renew(DateOnly reviewOn, DateTimeOffset now)
    {
        if (!IsActive)
        {
            throw new RuleException("This hold has been lifted; place a new one if the record must be kept.");
        }

        ReviewOn = ValidReviewDate(reviewOn, now);
    }

    public void Lift(string by, DateTimeOffset now)
    {
        if (IsActive)
        {
            (LiftedAt, LiftedBy) = (now, by);
        }
    }

    /// <summary>After a merge of duplicate student records.</summary>
    public void MoveTo(Guid studentId) => StudentId = studentId;

    private static DateOnly ValidReviewDate(DateOnly reviewOn, DateTimeOffset now)
    {
        var today = LondonTime.Today(now);
        if (reviewOn <= today)
        {
            throw new RuleException("Set a review date after today.");
        }

        return reviewOn <= today.AddMonths(MaxReviewMonths)
            ? reviewOn
            : throw new RuleException($"Set a review date within {MaxReviewMonths} months; renew the hold then if it is still needed.");
    }
}
