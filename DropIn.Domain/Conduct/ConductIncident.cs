namespace DropIn.Domain.Conduct;

/// <summary>
/// Something a student did that the code of practice lists as a ground for withdrawing the service, written down by
/// the member of staff who witnessed or received it. A record of fact: it is never edited, only added to.
/// </summary>
public sealed class ConductIncident
{
    public const int MaxDescriptionLength = 4000;

    private ConductIncident()
    {
    }

    public Guid Id { get; private set; }
    public Guid StudentId { get; private set; }
    public IncidentKind Kind { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>What happened, in the words of the person recording it. Encrypted at rest.</summary>
    public string Description { get; private set; } = "";
    public string RecordedBy { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    public static ConductIncident Record(Guid studentId, IncidentKind kind, DateTimeOffset occurredAt, string description, string by, DateTimeOffset now)
    {
        if (!IncidentKinds.IsSingle(kind))
        {
            throw new RuleException("Choose the one kind of behaviour this incident was; record another incident for another kind.");
        }

        if (occurredAt > now)
        {
            throw new RuleException("An incident cannot be recorded as happening in the future.");
        }

        if (occurredAt < now.AddYears(-1))
        {
            throw new RuleException("Record incidents within a year of when they happened.");
        }

        description = description?.Trim() ?? "";
        if (description.Length is 0 or > MaxDescriptionLength)
        {
            throw new RuleException($"Describe what happened (1 to {MaxDescriptionLength} characters): what was said or done, and who was there.");
        }

        return new ConductIncident { Id = Guid.NewGuid(), StudentId = studentId, Kind = kind, OccurredAt = occurredAt, Description = description, RecordedBy = by, RecordedAt = now };
    }

    /// <summary>The student's record was merged into another.</summary>
    public void MoveTo(Guid studentId) => StudentId = studentId;
}
