using DropIn.Domain.Calendar;

namespace DropIn.Domain.Feedback;

/// <summary>
/// When an invitation falls due. "Shortly after" is counted in London dates and sent during working hours: from 10:00
/// on the due date, or on the next working day when that is a weekend, bank holiday or closure (nobody is asked for
/// feedback at 02:00 on a Sunday, and a reply that raises a problem reaches staff who are in).
/// </summary>
public static class InvitationSchedule
{
    /// <summary>Invitations go from this London time...</summary>
    public static readonly TimeOnly SendFrom = new(10, 0);

    /// <summary>...until the service closes (WorkingCalendar.Closes).</summary>
    public static TimeOnly SendUntil => WorkingCalendar.Closes;

    /// <summary>
    /// An invitation this many days past its due date is not sent at all: a form weeks later is no longer "shortly
    /// after", and switching the feature on, or recording a "yes" for a long-standing student, must not mail the past.
    /// </summary>
    public const int MissedAfterDays = 30;

    /// <summary>First contact plus <paramref name="afterDays"/> London days, moved to a working day, from 10:00.</summary>
    public static DateTimeOffset FeedbackDue(DateTimeOffset firstContact, int afterDays, WorkingCalendar calendar)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterDays);
        return From(LondonTime.Today(firstContact).AddDays(afterDays), calendar);
    }

    /// <summary>
    /// The case's closing date plus <paramref name="afterMonths"/> calendar months, clamped to the end of a shorter
    /// month (closed 31 August + 6 months is 28 or 29 February), moved to a working day, from 10:00.
    /// </summary>
    public static DateTimeOffset ImpactDue(DateTimeOffset closedAt, int afterMonths, WorkingCalendar calendar)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterMonths);
        return From(LondonTime.Today(closedAt).AddMonths(afterMonths), calendar);
    }

    /// <summary>Whether an invitation due at <paramref name="due"/> goes now: due, within sending hours, and not missed.</summary>
    public static bool SendNow(DateTimeOffset due, DateTimeOffset now, WorkingCalendar calendar) =>
        now >= due && IsSendingTime(now, calendar) && LondonTime.Today(now) <= LondonTime.Today(due).AddDays(MissedAfterDays);

    /// <summary>A working day, between 10:00 and 17:00 London time.</summary>
    public static bool IsSendingTime(DateTimeOffset now, WorkingCalendar calendar)
    {
        var local = LondonTime.ToLocal(now);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return calendar.IsWorkingDay(DateOnly.FromDateTime(local.DateTime)) && time >= SendFrom && time < SendUntil;
    }

    private static DateTimeOffset From(DateOnly date, WorkingCalendar calendar)
    {
        while (!calendar.IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return LondonTime.ToInstant(date, SendFrom);
    }
}
