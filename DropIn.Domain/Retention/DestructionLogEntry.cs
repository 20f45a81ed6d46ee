namespace DropIn.Domain.Retention;

/// <summary>One night's destruction, in numbers only: when, under which policy, how much. No names, no ids.</summary>
public sealed class DestructionLogEntry
{
    private DestructionLogEntry()
    {
    }

    public DestructionLogEntry(DateTimeOffset ranAt, int policyYears, DestructionCounts counts)
    {
        Id = Guid.NewGuid();
        RanAt = ranAt;
        PolicyYears = policyYears;
        Students = counts.Students;
        Cases = counts.Cases;
        Documents = counts.Documents;
        OtherRecords = counts.OtherRecords;
        Remnants = counts.Remnants;
    }

    public Guid Id { get; private set; }
    public DateTimeOffset RanAt { get; private set; }
    public int PolicyYears { get; private set; }
    public int Students { get; private set; }
    public int Cases { get; private set; }
    public int Documents { get; private set; }

    /// <summary>Visits, appointments, enquiries, consents, monitoring answers, mail and the like.</summary>
    public int OtherRecords { get; private set; }

    /// <summary>Anonymous statistical remnants kept in their place.</summary>
    public int Remnants { get; private set; }
}

public sealed record DestructionCounts(int Students, int Cases, int Documents, int OtherRecords, int Remnants)
{
    public static DestructionCounts None { get; } = new(0, 0, 0, 0, 0);

    public DestructionCounts Plus(DestructionCounts other) =>
        new(Students + other.Students, Cases + other.Cases, Documents + other.Documents, OtherRecords + other.OtherRecords, Remnants + other.Remnants);
}
