using DropIn.Domain.Calendar;
using DropIn.Domain.Queue;

namespace DropIn.Domain.Appointments;

/// <summary>
/// Free appointment times: each caseworker's weekly windows on working days, on a grid of appointment length plus
/// buffer, less leave, the drop-in sessions they staff (as the sessions actually run), what is already booked, and
/// the booking rules' horizon. Times are London wall-clock times turned into UTC instants, so a grid keeps its
/// clock times across a change between GMT and BST.
/// </summary>
public sealed class SlotGenerator(WorkingCalendar calendar, DropInTimetable dropIn, BookingRules rules)
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

    /// <summary>The grid of one caseworker's day, before anything is booked. No two of its slots overlap.</summary>
    public IEnumerable<Slot> SlotsOn(StaffAvailability person, DateOnly date)
    {
        if (!calendar.IsWorkingDay(date) || person.Leave.Any(l => l.Covers(date)))
        {
            yield break;
        }

        var dropInWindows = person.StaffsDropIn ? dropIn.On(date).ToList() : [];
        foreach (var (start, end) in WorkingSpans(person, date))
        {
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

    /// <summary>
    /// The day's windows within service hours, with windows that overlap or touch joined into one span, so that
    /// one grid covers it: windows stored before overlaps were refused never offer two overlapping times.
    /// </summary>
    private static IEnumerable<(TimeOnly Start, TimeOnly End)> WorkingSpans(StaffAvailability person, DateOnly date)
    {
        var spans = person.Weekly
            .Where(w => w.Day == date.DayOfWeek)
            .Select(w => (Start: w.Start < WorkingCalendar.Opens ? WorkingCalendar.Opens : w.Start, End: w.End > WorkingCalendar.Closes ? WorkingCalendar.Closes : w.End))
            .Where(w => w.Start < w.End)
            .OrderBy(w => w.Start);
        (TimeOnly Start, TimeOnly End)? current = null;
        foreach (var span in spans)
        {
            if (current is { } c && span.Start <= c.End)
            {
                current = (c.Start, span.End > c.End ? span.End : c.End);
                continue;
            }

            if (current is { } done)
            {
                yield return done;
            }

            current = span;
        }

        if (current is { } last)
        {
            yield return last;
        }
    }

    /// <summary>Overlap with the buffer on both sides: a caseworker always has the gap between two commitments.</summary>
    private bool Overlaps(Slot slot, DateTimeOffset start, DateTimeOffset end) => slot.Start < end + rules.Buffer && start < slot.End + rules.Buffer;
}
