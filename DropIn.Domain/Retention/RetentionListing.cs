namespace DropIn.Domain.Retention;

/// <summary>
/// A student as the latest monthly retention review listed them: the nightly job destroys only what a manager has
/// seen listed, as it was then, and not before the month the review was for.
/// </summary>
public sealed class RetentionListing
{
    private RetentionListing()
    {
    }

    public RetentionListing(Guid studentId, DateTimeOffset lastInvolvementSeen, DateOnly destroyNotBefore, string listedBy, DateTimeOffset now)
    {
        StudentId = studentId;
        Relist(lastInvolvementSeen, destroyNotBefore, listedBy, now);
    }

    public Guid StudentId { get; private set; }
    public DateTimeOffset LastInvolvementSeen { get; private set; }
    public DateOnly DestroyNotBefore { get; private set; }
    public string ListedBy { get; private set; } = "";
    public DateTimeOffset ListedAt { get; private set; }

    public void Relist(DateTimeOffset lastInvolvementSeen, DateOnly destroyNotBefore, string listedBy, DateTimeOffset now) =>
        (LastInvolvementSeen, DestroyNotBefore, ListedBy, ListedAt) = (lastInvolvementSeen, destroyNotBefore, listedBy, now);

    public RetentionReviewEntry Entry => new(LastInvolvementSeen, DestroyNotBefore);
}
