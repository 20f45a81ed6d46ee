namespace DropIn.Domain.Calendar;

/// <summary>The service works to UK clock time; all stored instants are UTC.</summary>
public static class LondonTime
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(ToLocal(now).DateTime);

    /// <summary>
    /// Today's date in London by the injected clock. The one way to ask "what day is it": the server's own zone
    /// (often UTC) is a different date between midnight and 01:00 in summer time.
    /// </summary>
    public static DateOnly Today(TimeProvider clock) => Today(clock.GetUtcNow());

    /// <summary>London wall-clock time now by the injected clock (a <see cref="DateTime"/> of unspecified kind, as date and time pickers hold it).</summary>
    public static DateTime Now(TimeProvider clock) => ToLocal(clock.GetUtcNow()).DateTime;

    /// <summary>The UTC instant of a London wall-clock time. A time skipped by the spring clock change
    /// is moved forward an hour; an ambiguous autumn time takes the earlier (BST) instant.</summary>
    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        var offset = Zone.IsAmbiguousTime(local)
            ? Zone.GetAmbiguousTimeOffsets(local).Max()
            : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
