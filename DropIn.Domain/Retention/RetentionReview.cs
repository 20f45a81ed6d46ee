using DropIn.Domain.Calendar;

namespace DropIn.Domain.Retention;

/// <summary>What a review made on some day covers: the whole of the next calendar month.</summary>
public sealed record ReviewWindow(DateOnly From, DateOnly To);

/// <summary>
/// A student as a retention review listed them: the last involvement the manager saw, and the first day the
/// nightly job may act on the listing (the start of the month reviewed).
/// </summary>
public sealed record RetentionReviewEntry(DateTimeOffset LastInvolvementSeen, DateOnly DestroyNotBefore);

/// <summary>
/// The monthly retention review. A review made in one month covers the next, so a manager always has until the
/// end of the current month to place a hold: it lists every record due on or before the last day of next month,
/// including overdue ones (held, changed or never reviewed), and nothing it lists is destroyed before the first
/// day of next month.
/// </summary>
public static class RetentionReview
{
    public static ReviewWindow Window(DateOnly today)
    {
        var next = YearMonth.Of(today).Next();
        return new ReviewWindow(next.FirstDay, next.LastDay);
    }

    public static bool Lists(DateOnly destructionDate, DateOnly today) => destructionDate <= Window(today).To;

    public static RetentionReviewEntry EntryFor(DateTimeOffset lastInvolvement, DateTimeOffset now) =>
        new(lastInvolvement, Window(LondonTime.Today(now)).From);
}
