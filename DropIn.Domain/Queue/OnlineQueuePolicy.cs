namespace DropIn.Domain.Queue;

/// <summary>
/// The settings of the students' own side of the queue (joining from a phone, following one's place), from
/// configuration. The defaults are what a students' union drop-in of two hours with two or three caseworkers expects.
/// </summary>
/// <param name="JoinOpensBefore">How long before a session's scheduled start a student may join from a phone (the desk still checks in only once it is open).</param>
/// <param name="Cap">At most this many students waiting at once; a join beyond it is refused with the next session and the booking page.</param>
/// <param name="NearlyYourTurnAhead">"Nearly your turn" once this many or fewer are ahead (the code of practice's drop-in is first come, first served, so a student may wait elsewhere).</param>
/// <param name="StepBackPlaces">How many places "I need 5 more minutes" moves a ticket back, once.</param>
public sealed record OnlineQueuePolicy(TimeSpan JoinOpensBefore, int Cap, int NearlyYourTurnAhead, int StepBackPlaces)
{
    public static OnlineQueuePolicy Default { get; } = new(TimeSpan.FromMinutes(15), 40, 2, 3);
}

/// <summary>Why a student could not join from a phone; each has its own plain message and offers the booking page.</summary>
public enum JoinRefusal
{
    /// <summary>Earlier than <see cref="OnlineQueuePolicy.JoinOpensBefore"/> before the start.</summary>
    NotOpenYet,

    /// <summary>The session has ended or was closed by staff.</summary>
    Closed,

    /// <summary><see cref="OnlineQueuePolicy.Cap"/> students are waiting.</summary>
    Full,

    /// <summary>A student joining now would, on the estimate, still be waiting when the session ends.</summary>
    PastClose,
}
