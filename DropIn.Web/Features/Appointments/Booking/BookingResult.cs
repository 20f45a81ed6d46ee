namespace DropIn.Web.Features.Appointments.Booking;

/// <summary>What a student's booking request came to, as far as a public page may say.</summary>
public abstract record BookingResult
{
    /// <summary>
    /// "Check your email." Also the answer when the student may not book online (withdrawn, at the limit): the email,
    /// which only the address's owner reads, explains; the page must not reveal who has used the service.
    /// </summary>
    public sealed record CheckEmail : BookingResult;

    /// <summary>Someone else took the time a moment ago; here are the nearest free times.</summary>
    public sealed record JustTaken(IReadOnlyList<DateTimeOffset> Nearest) : BookingResult;
}
