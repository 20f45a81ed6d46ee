using System.ComponentModel.DataAnnotations;
using DropIn.Domain.Queue;

namespace DropIn.Web.Features.Queue;

/// <summary>Section DropIn:Queue. Every setting has a default that matches the code of practice.</summary>
public sealed class QueueOptions
{
    public const string Section = "DropIn:Queue";

    /// <summary>Weekly sessions in London time; empty means Tuesday and Thursday 12:00–14:00.</summary>
    public List<SessionTimeOptions> Sessions { get; init; } = [];

    /// <summary>Used for wait estimates until the service has measured some visits.</summary>
    [Range(1, 240)]
    public int DefaultVisitMinutes { get; init; } = 20;

    /// <summary>Rooms a caseworker can call students to; empty means the three advice rooms.</summary>
    public List<string> Rooms { get; init; } = [];

    public DropInSchedule Schedule() => new(Sessions.Count == 0
        ? SessionTime.Default
        : Sessions.Select(s => new SessionTime(s.Day, s.Start, s.End)));

    public IReadOnlyList<string> RoomNames() => Rooms.Count == 0 ? ["Advice room 1", "Advice room 2", "Interview room"] : Rooms;
}

public sealed class SessionTimeOptions
{
    public DayOfWeek Day { get; set; }
    public TimeOnly Start { get; set; }
    public TimeOnly End { get; set; }
}
