namespace DropIn.Domain.Queue;

/// <summary>
/// When the drop-in runs on a day: the sessions stored for that day as they run (opened early, closed early, extra
/// sessions), and the weekly schedule for any scheduled window with no session stored yet. A session's row is created
/// when a queue screen first asks for that day's session, so days ahead are known only from the schedule.
/// </summary>
public sealed class DropInTimetable(DropInSchedule schedule, IEnumerable<DropInSession> stored)
{
    private readonly ILookup<DateOnly, DropInSession> _stored = stored.ToLookup(s => s.Date);

    /// <summary>The drop-in's times on <paramref name="date"/> (London), as UTC instants.</summary>
    public IEnumerable<SessionWindow> On(DateOnly date)
    {
        var stored = _stored[date].ToList();
        return stored.Select(s => s.Window)
            .Concat(schedule.WindowsOn(date).Where(w => !stored.Any(s => s.ScheduledStart == w.Start)));
    }
}
