using DropIn.Domain.Calendar;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Infrastructure;

/// <summary>Test clocks set in London wall-clock time.</summary>
public static class London
{
    public static DateTimeOffset At(int year, int month, int day, int hour, int minute) =>
        LondonTime.ToInstant(new DateOnly(year, month, day), new TimeOnly(hour, minute));

    /// <summary>"yyyy-MM-dd HH:mm", London time (for test data written as the clock on the wall shows it).</summary>
    public static DateTimeOffset At(string london)
    {
        var local = DateTime.ParseExact(london, "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return LondonTime.ToInstant(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
    }

    public static FakeTimeProvider Clock(int year, int month, int day, int hour, int minute) => new(At(year, month, day, hour, minute));
}
