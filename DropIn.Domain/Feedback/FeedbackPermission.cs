namespace DropIn.Domain.Feedback;

/// <summary>
/// A student's answer to "May we email you an anonymous feedback form and, later, an impact form?", with when and by
/// whom it was recorded. The most recent answer counts: an opt-out from an email is a "no" recorded by the student,
/// and a later "yes" (from staff, or ticked when booking) is a fresh, explicit permission.
/// </summary>
public sealed record FeedbackPermission(bool Given, DateTimeOffset At, string By)
{
    /// <summary>Recorded from the unticked-by-default box on the self-booking page.</summary>
    public const string ByStudentWhenBooking = "student, when booking";

    /// <summary>Recorded from the opt-out link in an invitation email.</summary>
    public const string ByStudentOptOut = "student, from an invitation email";

    /// <summary>
    /// The answer that counts: the latest of what is on the student record and the times the student ticked the box
    /// on a booking linked to the record. No answer at all is a "no": permission never defaults to yes.
    /// </summary>
    public static FeedbackPermission? Effective(FeedbackPermission? recorded, IEnumerable<DateTimeOffset> tickedWhenBooking)
    {
        var latestTick = tickedWhenBooking.Select(t => (DateTimeOffset?)t).Max();
        return latestTick is { } at && (recorded is null || at > recorded.At)
            ? new FeedbackPermission(true, at, ByStudentWhenBooking)
            : recorded;
    }
}
