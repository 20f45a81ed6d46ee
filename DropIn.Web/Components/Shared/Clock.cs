using DropIn.Domain.Calendar;
using DropIn.Domain.Queue;

namespace DropIn.Web.Components.Shared;

/// <summary>How times and waits read on screen: London clock time, waits in whole minutes.</summary>
public static class Clock
{
    public static string Local(DateTimeOffset instant) => LondonTime.ToLocal(instant).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static string Day(DateTimeOffset instant) => LondonTime.ToLocal(instant).ToString("dddd d MMMM", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));

    public static string Day(DateOnly date) => date.ToString("dddd d MMMM", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));

    /// <summary>A deadline in a reminder, London time: "Tue 1 Dec 17:00".</summary>
    public static string Deadline(DateTimeOffset instant) => LondonTime.ToLocal(instant).ToString("ddd d MMM HH:mm", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));

    /// <summary>A date in a record's history, where the year matters.</summary>
    public static string Date(DateTimeOffset instant) => Date(LondonTime.Today(instant));

    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));

    public static string Minutes(TimeSpan wait) => WaitEstimator.RoundedMinutes(wait) switch
    {
        0 => "next",
        var m => $"about {m} min",
    };

    public static string Duration(TimeSpan? span) => span is { } s ? $"{(int)Math.Round(s.TotalMinutes)} min" : "–";
}
