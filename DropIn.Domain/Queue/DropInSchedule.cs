using DropIn.Domain.Calendar;

namespace DropIn.Domain.Queue;

/// <summary>The weekly drop-in timetable.</summary>
public sealed class DropInSchedule
{
    private readonly IReadOnlyList<SessionTime> _times;

    public DropInSchedule(IEnumerable<SessionTime> times)
    {
        _times = [.. times.OrderBy(t => t.Day).ThenBy(t => t.Start)];
        foreach (var t in _times.Where(t => t.End <= t.Start))
        {
            throw new ArgumentException($"The {t.Day} session ends ({t.End}) before it starts ({t.Start}).", nameof(times));
        }

        // One session at a time, as for extra sessions: the timetable may not overlap itself either.
        foreach (var (earlier, later) in _times.Zip(_times.Skip(1)).Where(p => p.First.Day == p.Second.Day && p.Second.Start < p.First.End))
        {
            throw new ArgumentException($"The {later.Day} sessions {earlier.Start}–{earlier.End} and {later.Start}–{later.End} overlap.", nameof(times));
        }
    }

    public IReadOnlyList<SessionTime> Times => _times;

    public IEnumerable<SessionWindow> WindowsOn(DateOnly date) =>
        _times.Where(t => t.Day == date.DayOfWeek)
              .Select(t => new SessionWindow(date, LondonTime.ToInstant(date, t.Start), LondonTime.ToInstant(date, t.End)));

    /// <summary>The session that is running at <paramref name="now"/>, or else the next one to start.</summary>
    public SessionWindow? CurrentOrNext(DateTimeOffset now)
    {
        var today = LondonTime.Today(now);
        for (var day = 0; day <= 7; day++)
        {
            var next = WindowsOn(today.AddDays(day)).FirstOrDefault(w => w.End > now);
            if (next is not null)
            {
                return next;
            }
        }

        return null;
    }
}
