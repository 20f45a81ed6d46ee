using DropIn.Domain.Calendar;

namespace DropIn.Domain.Reviews;

/// <summary>How far a reviewed file meets one criterion.</summary>
public enum CriterionScore
{
    Met,
    PartlyMet,
    NotMet,
    NotApplicable,
}

public enum ReviewStatus
{
    /// <summary>Drawn and assigned; the reviewer has not finished.</summary>
    Drawn,

    /// <summary>Scored and commented; waiting for the caseworker to read and acknowledge it.</summary>
    Completed,

    /// <summary>The caseworker has read it.</summary>
    Acknowledged,
}

/// <summary>One criterion's score in a review (<see cref="ReviewCriterion"/> by id).</summary>
public sealed record ReviewScore(int CriterionId, CriterionScore Score);

/// <summary>Something the reviewer asks the caseworker to do, by a London day; done when the caseworker says so.</summary>
public sealed class ReviewAction
{
    public const int MaxLength = 500;

    private ReviewAction()
    {
    }

    public Guid Id { get; private set; }
    public string What { get; private set; } = "";
    public DateOnly DueOn { get; private set; }
    public DateTimeOffset? DoneAt { get; private set; }

    /// <summary>The due day the caseworker was last reminded of (once per due day, by the reminder job).</summary>
    public DateOnly? RemindedFor { get; private set; }

    /// <exception cref="RuleException">Empty or too long, or due before <paramref name="today"/> or more than 6 months ahead.</exception>
    public static ReviewAction Agree(string what, DateOnly dueOn, DateOnly today)
    {
        what = what?.Trim() ?? "";
        if (what.Length is 0 or > MaxLength)
        {
            throw new RuleException($"Say what the caseworker should do, in 1 to {MaxLength} characters.");
        }

        return dueOn < today || dueOn > today.AddMonths(6)
            ? throw new RuleException("An action is due from today up to 6 months ahead.")
            : new ReviewAction { Id = Guid.NewGuid(), What = what, DueOn = dueOn };
    }

    public void MarkDone(DateTimeOffset now) => DoneAt ??= now;

    /// <summary>
    /// Whether the caseworker should be reminded of this action <paramref name="today"/> (a London day): not done, not
    /// yet reminded, on a working day, from the due day on, or from the working day before it when the service is
    /// closed on the due day (so a Saturday's action is reminded on Friday). After downtime it goes on the next working day.
    /// </summary>
    public bool ReminderDue(DateOnly today, WorkingCalendar calendar) =>
        DoneAt is null && RemindedFor != DueOn && calendar.IsWorkingDay(today)
        && today >= (calendar.IsWorkingDay(DueOn) ? DueOn : calendar.WorkingDaysBefore(DueOn, 1));

    public void MarkReminded() => RemindedFor = DueOn;
}

/// <summary>
/// An independent review of one case file (Advice Quality Standard: supervision and file review). Drawn at random for
/// a caseworker's month (<see cref="ReviewSample"/>), scored by a reviewer against the service's criteria with comments
/// and actions, then acknowledged by the caseworker. Kept with the service's records, not the student's: when the
/// student's record is destroyed the case link goes and <see cref="CaseReference"/> stays.
/// </summary>
public sealed class FileReview
{
    public const int MaxCommentsLength = 4000;

    private readonly List<ReviewScore> _scores = [];
    private readonly List<ReviewAction> _actions = [];

    private FileReview()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Null once the student's record has been destroyed.</summary>
    public Guid? CaseId { get; private set; }
    public string CaseReference { get; private set; } = "";
    public string CaseworkerId { get; private set; } = "";
    public string ReviewerId { get; private set; } = "";

    /// <summary>The caseworker's month the review counts towards, and its place in that month's sample (1, 2, ...).</summary>
    public YearMonth Month { get; private set; }
    public int Slot { get; private set; }

    /// <summary>The seed the sample was drawn with: the same data and seed draw the same files.</summary>
    public int Seed { get; private set; }
    public DateTimeOffset DrawnAt { get; private set; }
    public string DrawnBy { get; private set; } = "";
    public ReviewStatus Status { get; private set; }
    public string? Comments { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }

    /// <summary>When the reviewer was reminded of a review still to do (once; <see cref="ReviewerReminderDue"/>).</summary>
    public DateTimeOffset? ReviewerRemindedAt { get; private set; }
    public int Version { get; private set; }

    /// <summary>Working days a reviewer has from the draw before they are reminded (the service's own guide, not AQS's).</summary>
    public const int ReviewWithinWorkingDays = 10;
    public IReadOnlyList<ReviewScore> Scores => _scores;
    public IReadOnlyList<ReviewAction> Actions => _actions;

    public static FileReview Draw(Guid caseId, string caseReference, string caseworkerId, DrawnFile drawn, YearMonth month, int slot, int seed, string by, DateTimeOffset now) =>
        new()
        {
            Id = Guid.NewGuid(), CaseId = caseId, CaseReference = caseReference, CaseworkerId = caseworkerId, ReviewerId = drawn.ReviewerId,
            Month = month, Slot = slot, Seed = seed, DrawnAt = now, DrawnBy = by, Status = ReviewStatus.Drawn,
        };

    /// <summary>Scores every criterion in use, with comments and any actions, by the reviewer assigned.</summary>
    /// <param name="criteria">The ids of the criteria in use: each needs a score.</param>
    /// <exception cref="RuleException">Not the reviewer, already completed, a criterion unscored, or comments too long.</exception>
    public void Complete(string by, IReadOnlyCollection<int> criteria, IReadOnlyCollection<ReviewScore> scores, string? comments, IReadOnlyCollection<ReviewAction> actions, DateTimeOffset now)
    {
        if (by != ReviewerId)
        {
            throw new RuleException("Only the reviewer assigned can complete this review.");
        }

        if (Status != ReviewStatus.Drawn)
        {
            throw new RuleException("This review has already been completed.");
        }

        if (criteria.Any(c => scores.Count(s => s.CriterionId == c) != 1) || scores.Any(s => !criteria.Contains(s.CriterionId) || !Enum.IsDefined(s.Score)))
        {
            throw new RuleException("Score every criterion once (\"Not applicable\" where it does not apply).");
        }

        comments = string.IsNullOrWhiteSpace(comments) ? null : comments.Trim();
        if (comments is { Length: > MaxCommentsLength })
        {
            throw new RuleException($"Keep the comments to {MaxCommentsLength} characters.");
        }

        _scores.AddRange(scores);
        _actions.AddRange(actions);
        (Comments, CompletedAt, Status) = (comments, now, ReviewStatus.Completed);
        Version++;
    }

    /// <summary>The caseworker confirms they have read the review. Acknowledging twice is harmless.</summary>
    /// <exception cref="RuleException">Not the caseworker reviewed, or the review is not complete.</exception>
    public void Acknowledge(string by, DateTimeOffset now)
    {
        if (by != CaseworkerId)
        {
            throw new RuleException("Only the caseworker whose file was reviewed can acknowledge it.");
        }

        if (Status == ReviewStatus.Drawn)
        {
            throw new RuleException("This review is not complete yet.");
        }

        if (Status == ReviewStatus.Completed)
        {
            (AcknowledgedAt, Status) = (now, ReviewStatus.Acknowledged);
            Version++;
        }
    }

    /// <exception cref="RuleException">Not the caseworker reviewed, or no such action.</exception>
    public void MarkActionDone(Guid actionId, string by, DateTimeOffset now)
    {
        if (by != CaseworkerId)
        {
            throw new RuleException("Only the caseworker whose file was reviewed can mark its actions done.");
        }

        (_actions.SingleOrDefault(a => a.Id == actionId) ?? throw new RuleException("That action is no longer on this review.")).MarkDone(now);
        Version++;
    }

    /// <summary>Marks <paramref name="action"/> reminded; a change of the review, so two runs at once cannot both remind.</summary>
    public void RemindOf(ReviewAction action)
    {
        action.MarkReminded();
        Version++;
    }

    /// <summary>
    /// Whether the reviewer should be reminded <paramref name="today"/> (a London day) of a review not yet done: once,
    /// on a working day, from the <see cref="ReviewWithinWorkingDays"/>th working day after the London day of the draw.
    /// After downtime it goes on the next working day.
    /// </summary>
    public bool ReviewerReminderDue(DateOnly today, WorkingCalendar calendar) =>
        Status == ReviewStatus.Drawn && ReviewerRemindedAt is null && calendar.IsWorkingDay(today)
        && today >= calendar.WorkingDaysAfter(LondonTime.Today(DrawnAt), ReviewWithinWorkingDays);

    /// <summary>Marks the reviewer reminded; a change of the review, so two runs at once cannot both remind.</summary>
    public void RemindReviewer(DateTimeOffset now)
    {
        ReviewerRemindedAt = now;
        Version++;
    }

    /// <summary>The student's record was destroyed: the review stays with the service's records, without the link.</summary>
    public void ForgetCase() => CaseId = null;
}
