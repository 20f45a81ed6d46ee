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
