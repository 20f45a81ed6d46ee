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

    /// <summary>Minutes before a session's scheduled start from which a student may join from their phone.</summary>
    [Range(0, 120)]
    public int JoinOpensMinutesBefore { get; init; } = 15;

    /// <summary>At most this many students waiting at once; joining from a phone beyond it is refused with the next session.</summary>
    [Range(1, 1000)]
    public int Cap { get; init; } = 40;

    /// <summary>"Nearly your turn" (page alert and one email) once this many or fewer tickets are ahead.</summary>
    [Range(0, 20)]
    public int NearlyYourTurnAhead { get; init; } = 2;

    /// <summary>Places "I need 5 more minutes" moves a ticket back, once per ticket.</summary>
    [Range(1, 20)]
    public int StepBackPlaces { get; init; } = 3;

    /// <summary>Seconds without a touch after which the reception kiosk clears what a student typed or was shown; the last 20 warn first.</summary>
    [Range(5, 600)]
    public int KioskIdleSeconds { get; init; } = 30;

    public OnlineQueuePolicy OnlinePolicy() => new(TimeSpan.FromMinutes(JoinOpensMinutesBefore), Cap, NearlyYourTurnAhead, StepBackPlaces);

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
