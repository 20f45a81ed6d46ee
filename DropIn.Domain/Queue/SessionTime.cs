namespace DropIn.Domain.Queue;

/// <summary>One weekly drop-in slot in London clock time, e.g. Tuesday 12:00–14:00.</summary>
public sealed record SessionTime(DayOfWeek Day, TimeOnly Start, TimeOnly End)
{
    public static IReadOnlyList<SessionTime> Default { get; } =
    [
        new(DayOfWeek.Tuesday, new TimeOnly(12, 0), new TimeOnly(14, 0)),
        new(DayOfWeek.Thursday, new TimeOnly(12, 0), new TimeOnly(14, 0)),
    ];
}

/// <summary>A concrete occurrence of a session, as UTC instants.</summary>
public sealed record SessionWindow(DateOnly Date, DateTimeOffset Start, DateTimeOffset End);
