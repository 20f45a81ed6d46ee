using DropIn.Domain.Calendar;

namespace DropIn.Web.Features.Visits;

/// <summary>A visit's times in words, one place for every screen.</summary>
public static class VisitText
{
    /// <summary>
    /// When access ends, as people read it: a visit ending at London midnight ends "at the end of Sat 5 Dec" (not
    /// "Sun 6 Dec 00:00", which reads as if Sunday were included); one ended early, at its time that day. UK time.
    /// </summary>
    public static string Ends(DateTimeOffset instant)
    {
        var local = LondonTime.ToLocal(instant);
        var english = System.Globalization.CultureInfo.GetCultureInfo("en-GB");
        return local.TimeOfDay == TimeSpan.Zero
            ? $"the end of {local.AddDays(-1).ToString("ddd d MMM", english)}"
            : local.ToString("ddd d MMM, HH:mm", english);
    }

    /// <summary>The first day of a visit ("Thu 3 Dec"), from its start at London midnight.</summary>
    public static string Starts(DateTimeOffset instant) => LondonTime.ToLocal(instant).ToString("ddd d MMM", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
}
