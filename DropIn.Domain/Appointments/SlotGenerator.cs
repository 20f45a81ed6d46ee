using DropIn.Domain.Calendar;
using DropIn.Domain.Queue;

namespace DropIn.Domain.Appointments;

/// <summary>
/// Free appointment times: each caseworker's weekly windows on working days, on a grid of appointment length plus
/// buffer, less leave, the drop-in sessions they staff, what is already booked, and the booking rules' horizon.
/// </summary>
public sealed class SlotGenerator(WorkingCalendar calendar, DropInSchedule dropIn, BookingRules rules)
{
    public IReadOnlyList<Slot> FreeSlots(IEnumerable<StaffAvailability> staff, IEnumerable<BusyPeriod> busy, DateTimeOffset now, DateOnly from, DateOnly to)
    {
        var earliest = calendar.AddWorkingTime(now, rules.EarliestNotice);
        var latest = now + rules.FurthestAhead;
        var taken = busy.ToLookup(b => b.StaffId);
        var slots = new List<Slot>();
        foreach (var person in staff)
        {
            for (var date = from; date <= to; date = date.AddDays(1))
            {
                slots.AddRange(SlotsOn(person, date)
                    .Where(s => s.Start >= earliest && s.Start <= latest)
                    .Where(s => !taken[person.StaffId].Any(b => Overlaps(s, b.Start, b.End))));
            }
        }

        return [.. slots.OrderBy(s => s.Start).ThenBy(s => s.StaffId, StringComparer.Ordinal)];
    }

    /// <summary>The grid of one caseworker's day, before anything is booked.</summary>
    public IEnumerable<Slot> SlotsOn(StaffAvailability person, DateOnly date)
    {
        if (!calendar.IsWorkingDay(date) || person.Leave.Any(l => l.Covers(date)))
        {
            yield break;
        }

        var dropInWindows = person.StaffsDropIn ? dropIn.WindowsOn(date).ToList() : [];
        foreach (var window in person.Weekly.Where(w => w.Day == date.DayOfWeek))
        {
            var start = window.Start < WorkingCalendar.Opens ? WorkingCalendar.Opens : window.Start;
            var end = window.End > WorkingCalendar.Closes ? WorkingCalendar.Closes : window.End;
            for (var t = start; t.Add(rules.Length) <= end && t.Add(rules.Length) > t; t = t.Add(rules.Length + rules.Buffer))
            {
                var slot = new Slot(person.StaffId, LondonTime.ToInstant(date, t), LondonTime.ToInstant(date, t.Add(rules.Length)));
                if (!dropInWindows.Any(w => Overlaps(slot, w.Start, w.End)))
                {
                    yield return slot;
                }

                if (t.Add(rules.Length + rules.Buffer) <= t)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Overlap with the buffer on both sides: a caseworker always has the gap between two commitments.</summary>
    private bool Overlaps(Slot slot, DateTimeOffset start, DateTimeOffset end) => slot.Start < end + rules.Buffer && start < slot.End + rules.Buffer;
}
