using DropIn.Domain.Calendar;

namespace DropIn.Domain.Cases;

/// <summary>
/// When the caseworkers on an open case should next be in touch with the student, and are prompted to if nobody has
/// been (Advice Quality Standard: a case is kept moving, and one nobody is working on is followed up or closed).
/// </summary>
/// <param name="LastContact">The London day of the latest contact with the student on the case (<see cref="FollowUpRules.IsContact"/>); null when there was none.</param>
/// <param name="QuietSince">The day the working days without contact count from: the last contact, or the day the case was opened.</param>
/// <param name="DueOn">The working day the follow-up is due: the follow-up date set since the last contact, or else the inactivity limit's working day.</param>
/// <param name="DateSet">Whether <paramref name="DueOn"/> is a date a caseworker set, rather than the inactivity limit.</param>
public sealed record FollowUpPlan(DateOnly? LastContact, DateOnly QuietSince, DateOnly DueOn, bool DateSet)
{
    /// <summary>Whether the follow-up is due on <paramref name="today"/> (a London day) or was before.</summary>
    public bool IsDue(DateOnly today) => today >= DueOn;
}

/// <summary>The rules for follow-up dates and the inactivity prompt.</summary>
public static class FollowUpRules
{
    /// <summary>The fewest and most working days without contact before a prompt (the setting DropIn:Cases:InactivityWorkingDays is held to these).</summary>
    public const int MinInactivityWorkingDays = 5;

    /// <inheritdoc cref="MinInactivityWorkingDays"/>
    public const int MaxInactivityWorkingDays = 60;

    /// <summary>How far ahead a follow-up date may be set, in months: further than that is a case to close and reopen.</summary>
    public const int MaxMonthsAhead = 12;

    /// <summary>
    /// A follow-up day is after today (a plan for the future: contact today is recorded as it happens) and at most
    /// <see cref="MaxMonthsAhead"/> months ahead. The same check runs in the date dialog, so a refusal keeps what was typed.
    /// </summary>
    /// <exception cref="RuleException">The day is today or past, or too far ahead.</exception>
    public static void CheckDay(DateOnly day, DateOnly today)
    {
        if (day <= today)
        {
            throw new RuleException("Choose a day after today to follow up; contact made today is recorded on the timeline.");
        }

        if (day > today.AddMonths(MaxMonthsAhead))
        {
            throw new RuleException($"Choose a follow-up day within {MaxMonthsAhead} months; a case waiting longer can be closed and reopened.");
        }
    }

    /// <summary>
    /// Whether a timeline entry is contact with the student: advice given, a meeting or hearing, or a contact made
    /// with the student themselves (a call to a landlord moves the case on but is not the student hearing from us).
    /// </summary>
    public static bool IsContact(EntryKind kind, string? thirdParty) =>
        kind is EntryKind.Advice or EntryKind.Meeting || (kind == EntryKind.Contact && thirdParty is null);

    /// <summary>The day the working days without contact count from: the last contact, or the opening day if later or there was none.</summary>
    public static DateOnly QuietSince(Case @case, DateOnly? lastContact)
    {
        var opened = LondonTime.Today(@case.OpenedAt);
        return lastContact > opened ? lastContact.Value : opened;
    }

    /// <summary>
    /// The plan for an open case. A follow-up date set on or before the last contact has been met by it and no longer
    /// counts; one set on a day the service is closed falls due on the next working day.
    /// </summary>
    /// <param name="lastContact">The London day of the latest contact; null when there was none (the count starts on the opening day).</param>
    /// <param name="inactivityWorkingDays">Working days without contact before the prompt, <see cref="MinInactivityWorkingDays"/> to <see cref="MaxInactivityWorkingDays"/>.</param>
    /// <param name="calendar">Holds every closure from <see cref="QuietSince"/> to the day it returns.</param>
    public static FollowUpPlan Plan(Case @case, DateOnly? lastContact, int inactivityWorkingDays, WorkingCalendar calendar)
    {
        var quietSince = QuietSince(@case, lastContact);
        if (@case.FollowUpOn is { } set && set > quietSince)
        {
            return new FollowUpPlan(lastContact, quietSince, calendar.IsWorkingDay(set) ? set : calendar.WorkingDaysAfter(set, 1), DateSet: true);
        }

        return new FollowUpPlan(lastContact, quietSince, calendar.WorkingDaysAfter(quietSince, inactivityWorkingDays), DateSet: false);
    }
}
