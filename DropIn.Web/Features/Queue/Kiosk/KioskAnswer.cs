namespace DropIn.Web.Features.Queue.Kiosk;

/// <summary>What the kiosk shows after a student presses "Check in".</summary>
public abstract record KioskAnswer
{
    private KioskAnswer()
    {
    }

    /// <summary>Checked in: the ticket number, and the private link's token for the QR code to follow it on a phone.</summary>
    /// <param name="Ahead">Tickets ahead (0: next).</param>
    /// <param name="WaitMinutes">Estimated wait, rounded to 5 minutes (<see cref="DropIn.Domain.Queue.WaitEstimator.RoundedMinutes"/>).</param>
    public sealed record CheckedIn(string Code, string StatusToken, int Ahead, int WaitMinutes) : KioskAnswer;

    /// <summary>
    /// The kiosk cannot finish this check-in itself: reception does it. The same neutral words whether the email is
    /// already in today's queue (the kiosk never hands over someone else's ticket or link) or the service is withdrawn.
    /// </summary>
    public sealed record SeeReception : KioskAnswer;

    /// <summary>Nobody can join now (not open yet, closed, full, past the end); the same for everyone.</summary>
    public sealed record Refused(string Message) : KioskAnswer;

    /// <summary>The tablet is not (or no longer) an enrolled kiosk: nothing was stored.</summary>
    public sealed record NotEnrolled : KioskAnswer;
}
