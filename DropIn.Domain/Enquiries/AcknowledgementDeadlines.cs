using DropIn.Domain.Calendar;

namespace DropIn.Domain.Enquiries;

/// <summary>
/// The code of practice promises acknowledgement within 2–3 working days: the target is 17:00 on the 2nd working day
/// after receipt, breach 17:00 on the 3rd. Something received outside service hours counts from the next working day.
/// </summary>
public sealed record AcknowledgementDeadlines(DateTimeOffset Target, DateTimeOffset Breach)
{
    public const int TargetWorkingDays = 2;
    public const int BreachWorkingDays = 3;

    public static AcknowledgementDeadlines For(DateTimeOffset received, WorkingCalendar calendar)
    {
        var countsFrom = calendar.CountsFrom(received);
        return new AcknowledgementDeadlines(
            WorkingCalendar.EndOf(calendar.WorkingDaysAfter(countsFrom, TargetWorkingDays)),
            WorkingCalendar.EndOf(calendar.WorkingDaysAfter(countsFrom, BreachWorkingDays)));
    }
}

/// <summary>
/// How a report judges the promise for one deadline (the target or the breach time): an enquiry counts once it is
/// judged, that is acknowledged, or its deadline passed without; one not yet due has neither kept nor broken it, so
/// it is reported apart rather than as a failure.
/// </summary>
public static class AcknowledgementPromise
{
    public static bool Judged(DateTimeOffset? acknowledgedAt, DateTimeOffset deadline, DateTimeOffset now) => acknowledgedAt is not null || deadline <= now;

    public static bool Kept(DateTimeOffset? acknowledgedAt, DateTimeOffset deadline) => acknowledgedAt is { } at && at <= deadline;
}
