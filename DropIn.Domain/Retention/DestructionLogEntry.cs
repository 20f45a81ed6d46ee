namespace DropIn.Domain.Retention;

/// <summary>
/// One night's destruction, in numbers only: when, under which policy, how much. No names, no ids. One entry per
/// night, however many runs it had: each adds what it destroyed, so the counts start at nothing.
/// </summary>
public sealed class DestructionLogEntry
{
    private DestructionLogEntry()
    {
    }

    public DestructionLogEntry(DateTimeOffset ranAt, DateOnly night, int policyYears)
    {
        Id = Guid.NewGuid();
        RanAt = ranAt;
        Night = night;
        PolicyYears = policyYears;
    }

    public Guid Id { get; private set; }

    /// <summary>When the night's first run started.</summary>
    public DateTimeOffset RanAt { get; private set; }

    /// <summary>
    /// The night the entry is for: the London date its runs started on. Null only on entries written before the log
    /// kept one entry per night (November 2026), which each counted one run.
    /// </summary>
    public DateOnly? Night { get; private set; }
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
