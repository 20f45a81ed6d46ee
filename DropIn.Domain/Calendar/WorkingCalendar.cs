namespace DropIn.Domain.Calendar;

/// <summary>
/// The service's working time: Monday to Friday 09:00–17:00 London time, not on bank holidays or on closure days
/// a manager has recorded.
/// </summary>
public sealed class WorkingCalendar(IEnumerable<DateOnly> closures)
{
    public static readonly TimeOnly Opens = new(9, 0);
    public static readonly TimeOnly Closes = new(17, 0);

    private readonly HashSet<DateOnly> _closures = [.. closures];

    public bool IsWorkingDay(DateOnly date) => !BankHolidays.IsWeekend(date) && !BankHolidays.IsBankHoliday(date) && !_closures.Contains(date);

    /// <summary>
    /// The working day something received at <paramref name="instant"/> counts from: that day if it arrived on a working
    /// day before 17:00, otherwise the next working day (received outside service hours counts from its start).
    /// </summary>
    public DateOnly CountsFrom(DateTimeOffset instant)
    {
        var local = LondonTime.ToLocal(instant);
        var date = DateOnly.FromDateTime(local.DateTime);
        if (IsWorkingDay(date) && TimeOnly.FromDateTime(local.DateTime) < Closes)
        {
            return date;
        }

        return NextWorkingDayAfter(date);
    }

    /// <summary>The <paramref name="n"/>th working day after <paramref name="date"/> (n = 1: the next working day).</summary>
    public DateOnly WorkingDaysAfter(DateOnly date, int n)
    {
        for (var i = 0; i < n; i++)
        {
            date = NextWorkingDayAfter(date);
        }

        return date;
    }

    /// <summary>The <paramref name="n"/>th working day before <paramref name="date"/> (n = 1: the previous working day).</summary>
    public DateOnly WorkingDaysBefore(DateOnly date, int n)
    {
        for (var i = 0; i < n; i++)
        {
            do
            {
                date = date.AddDays(-1);
            }
            while (!IsWorkingDay(date));
        }

        return date;
    }

    /// <summary>
    /// Whether <paramref name="now"/> is before 09:00 on its London day: the staff prompts of a day (deadlines, consent,
    /// follow-ups) wait for the morning rather than arrive in the night.
    /// </summary>
    public static bool BeforeOpening(DateTimeOffset now) => now < LondonTime.ToInstant(LondonTime.Today(now), Opens);

    /// <summary>17:00 London time on <paramref name="date"/>.</summary>
    public static DateTimeOffset EndOf(DateOnly date) => LondonTime.ToInstant(date, Closes);

    private DateOnly NextWorkingDayAfter(DateOnly date)
    {
        do
        {
            date = date.AddDays(1);
        }
        while (!IsWorkingDay(date));
        return date;
    }

    /// <summary>The instant <paramref name="amount"/> of working time after <paramref name="from"/>: time outside
    /// service hours does not count, so two working hours from Friday 16:30 is Monday 10:30.</summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset from, TimeSpan amount)
    {
        var local = LondonTime.ToLocal(from);
        var date = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var remaining = amount;
        for (var guard = 0; guard < 3700; guard++)
        {
            if (IsWorkingDay(date) && time < Closes)
            {
                var start = time < Opens ? Opens : time;
                var available = Closes - start;
                if (remaining <= available)
                {
                    return LondonTime.ToInstant(date, start.Add(remaining));
                }

                remaining -= available;
            }

            date = date.AddDays(1);
            time = TimeOnly.MinValue;
        }

        throw new InvalidOperationException("No working time found within ten years.");
    }
}
