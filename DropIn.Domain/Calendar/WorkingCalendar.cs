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
