using DropIn.Domain.Calendar;

namespace DropIn.Domain.Retention;

/// <summary>What the nightly retention job may do with a student's record today.</summary>
public enum RetentionDecision
{
    /// <summary>Not yet at its destruction date.</summary>
    Keep,

    /// <summary>Due, but a manager's hold stops destruction until it is lifted.</summary>
    Held,

    /// <summary>Due, but no retention review has listed it yet, or the month the review was for has not begun.</summary>
    AwaitingReview,

    /// <summary>Due, but its last involvement is not the one the review saw: a manager has not seen it as it is.</summary>
    NewInvolvementSinceReview,

    Destroy,
}

/// <summary>
/// How long a student's record is kept: until the London calendar date of its last involvement (the latest case
/// activity, appointment, visit or enquiry) plus a whole number of years, 7 unless configured. Destruction is due
/// from the start of that anniversary; 29 February plus a year in which there is none is 28 February.
/// </summary>
public sealed record RetentionPolicy
{
    public const int DefaultYears = 7;
    public const int MaxYears = 100;

    public RetentionPolicy(int years = DefaultYears) =>
        Years = years is >= 1 and <= MaxYears ? years : throw new RuleException($"The retention period must be 1 to {MaxYears} years.");

    public static RetentionPolicy Default { get; } = new();

    public int Years { get; }

    public DateOnly DestructionDate(DateTimeOffset lastInvolvement) => LondonTime.Today(lastInvolvement).AddYears(Years);

    public bool IsDue(DateTimeOffset lastInvolvement, DateTimeOffset now) => DestructionDate(lastInvolvement) <= LondonTime.Today(now);

    /// <summary>
    /// Destroy only what is due, not held, listed by a retention review whose month has begun, and unchanged since
    /// that review. Anything else is kept, so a doubt always falls on the side of keeping.
    /// </summary>
    /// <param name="lastInvolvement">The student's last involvement now.</param>
    /// <param name="reviewed">The latest review's entry for the student, or null if no review has listed it.</param>
    /// <param name="holds">The student's holds, lifted or not.</param>
    public RetentionDecision Decide(DateTimeOffset lastInvolvement, RetentionReviewEntry? reviewed, IEnumerable<RetentionHold> holds, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(holds);
        if (!IsDue(lastInvolvement, now))
        {
            return RetentionDecision.Keep;
        }

        if (holds.Any(h => h.IsActive))
        {
            return RetentionDecision.Held;
        }

        if (reviewed is null || LondonTime.Today(now) < reviewed.DestroyNotBefore)
        {
            return RetentionDecision.AwaitingReview;
        }

        // Not equal rather than later: last involvement only moves forward, so any difference means the record
        // is no longer the one the manager reviewed.
        return lastInvolvement != reviewed.LastInvolvementSeen ? RetentionDecision.NewInvolvementSinceReview : RetentionDecision.Destroy;
    }
}
