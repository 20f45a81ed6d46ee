namespace DropIn.Domain.Cases;

/// <summary>A date the case must meet, e.g. an appeal deadline. Caseworkers on the case are reminded before it.</summary>
public sealed class CaseDeadline
{
    private CaseDeadline()
    {
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public string Title { get; private set; } = "";
    public DateOnly DueOn { get; private set; }
    public DateTimeOffset? MetAt { get; private set; }

    /// <summary>When the advance and the on-the-day reminders went: set in the transaction that queues them, so each goes once.</summary>
    public DateTimeOffset? AdvanceRemindedAt { get; private set; }
    public DateTimeOffset? DueDayRemindedAt { get; private set; }

    /// <summary>
    /// Moves on with every change, so that of two saves made from the same reading (two reminder runs at once, on two
    /// servers) the second is refused instead of sending the reminder again.
    /// </summary>
    public int Version { get; private set; }

    public static CaseDeadline Add(Guid caseId, string title, DateOnly dueOn, DateOnly today)
    {
        title = title?.Trim() ?? "";
        if (title.Length is 0 or > 120)
        {
            throw new RuleException("Say what the deadline is for, in at most 120 characters (e.g. \"Appeal form to the Examinations Office\").");
        }

        if (dueOn < today)
        {
            throw new RuleException("That date has passed; a deadline must be today or later.");
        }

        return new CaseDeadline { Id = Guid.NewGuid(), CaseId = caseId, Title = title, DueOn = dueOn };
    }

    /// <summary>Working days' notice caseworkers get before a deadline, on top of the reminder on the day.</summary>
    public const int NoticeWorkingDays = 2;

    /// <summary>Which reminder is due on <paramref name="today"/>, if any: the advance notice, or the one on (or after) the day.</summary>
    public DeadlineReminder? ReminderDue(DateOnly today, Calendar.WorkingCalendar calendar)
    {
        if (MetAt is not null)
        {
            return null;
        }

        if (today >= DueOn)
        {
            return DueDayRemindedAt is null ? DeadlineReminder.DueDay : null;
        }

        return AdvanceRemindedAt is null && today >= calendar.WorkingDaysBefore(DueOn, NoticeWorkingDays) ? DeadlineReminder.Advance : null;
    }

    public void MarkMet(DateTimeOffset now)
    {
        if (MetAt is null)
        {
            MetAt = now;
            Version++;
        }
    }

    public void MarkAdvanceReminded(DateTimeOffset now)
    {
        if (AdvanceRemindedAt is null)
        {
            AdvanceRemindedAt = now;
            Version++;
        }
    }

    public void MarkDueDayReminded(DateTimeOffset now)
    {
        if (DueDayRemindedAt is null)
        {
            DueDayRemindedAt = now;
            Version++;
        }
    }
}

public enum DeadlineReminder
{
    Advance,
    DueDay,
}

public enum PlanParty
{
    Student,
    Service,
}

/// <summary>One line of the action plan agreed with the student: who will do what, by when.</summary>
public sealed class ActionItem
{
    private ActionItem()
    {
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public PlanParty Party { get; private set; }
    public string What { get; private set; } = "";
    public DateOnly? By { get; private set; }
    public DateTimeOffset? DoneAt { get; private set; }
    public DateTimeOffset AgreedAt { get; private set; }

    public static ActionItem Agree(Guid caseId, PlanParty party, string what, DateOnly? by, DateTimeOffset now)
    {
        what = what?.Trim() ?? "";
        if (what.Length is 0 or > 300)
        {
            throw new RuleException("Describe the action in 1 to 300 characters.");
        }

        if (!Enum.IsDefined(party))
        {
            throw new RuleException("Say who will do it: the student or the service.");
        }

        return new ActionItem { Id = Guid.NewGuid(), CaseId = caseId, Party = party, What = what, By = by, AgreedAt = now };
    }

    public void MarkDone(DateTimeOffset now) => DoneAt ??= now;
}
