using System.Globalization;
using DropIn.Domain.Queue;

namespace DropIn.Web.Features.Queue;

/// <summary>The weekly drop-in times as a sentence, e.g. "Tuesdays and Thursdays, 12:00–14:00" (London clock time, as configured).</summary>
public static class SessionTimesText
{
    /// <summary>
    /// Days that share a time are named together, the week read from Monday; different times are separated by "; ",
    /// e.g. "Mondays, 10:00–11:00; Tuesdays and Thursdays, 12:00–14:00".
    /// </summary>
    public static string Of(DropInSchedule schedule) => string.Join("; ", schedule.Times
        .OrderBy(t => ((int)t.Day + 6) % 7).ThenBy(t => t.Start)
        .GroupBy(t => (t.Start, t.End))
        .Select(g => $"{Days([.. g.Select(t => t.Day).Distinct()])}, {Time(g.Key.Start)}–{Time(g.Key.End)}"));

    private static string Days(IReadOnlyList<DayOfWeek> days)
    {
        var names = days.Select(d => d + "s").ToList();
        return names.Count == 1 ? names[0] : $"{string.Join(", ", names[..^1])} and {names[^1]}";
    }

    private static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
