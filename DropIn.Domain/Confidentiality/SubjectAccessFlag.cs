namespace DropIn.Domain.Confidentiality;

/// <summary>Why an item of a student's record may concern someone else.</summary>
public enum FlagConcern
{
    /// <summary>Part of a case in dispute with another student: it may hold the other side's information.</summary>
    Dispute,

    /// <summary>The text names another registered student.</summary>
    NamesAnotherStudent,

    /// <summary>A third party: a consent's recipient, or someone contacted.</summary>
    ThirdParty,
}

public enum FlagDecision
{
    Undecided,
    Release,
    Redact,
}

/// <summary>
/// One field of one item found when compiling (e.g. the text of a timeline entry). <see cref="Fingerprint"/> is a hash
/// of the text, never the text, so a decision survives a re-compile only while the text is unchanged.
/// </summary>
public sealed record FlagCandidate(Guid ItemId, string Field, FlagConcern Concern, string Fingerprint);

/// <summary>An item of the compiled record to be released or withheld by a manager before release.</summary>
public sealed class SubjectAccessFlag
{
    private SubjectAccessFlag()
    {
    }

    public SubjectAccessFlag(Guid requestId, FlagCandidate candidate)
    {
        Id = Guid.NewGuid();
        RequestId = requestId;
        (ItemId, Field, Concern, Fingerprint) = (candidate.ItemId, candidate.Field, candidate.Concern, candidate.Fingerprint);
    }

    public Guid Id { get; private set; }
    public Guid RequestId { get; private set; }
    public Guid ItemId { get; private set; }
    public string Field { get; private set; } = "";
    public FlagConcern Concern { get; private set; }
    public string Fingerprint { get; private set; } = "";
    public FlagDecision Decision { get; private set; }
    public string? DecisionReason { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecidedBy { get; private set; }

    internal void Decide(FlagDecision decision, string? reason, string by, DateTimeOffset now)
    {
        if (decision == FlagDecision.Undecided || !Enum.IsDefined(decision))
        {
            throw new RuleException("Choose release or withhold.");
        }

        (Decision, DecisionReason, DecidedAt, DecidedBy) = (decision, reason, now, by);
    }
}

/// <summary>
/// A student's compiled record as it stood when compiled (the machine-readable JSON, encrypted at rest): what is
/// reviewed is exactly what is released, even if the case file changes meanwhile.
/// </summary>
public sealed class SubjectAccessBundle
{
    private SubjectAccessBundle()
    {
    }

    public SubjectAccessBundle(Guid requestId, string json, DateTimeOffset compiledAt) => (RequestId, Json, CompiledAt) = (requestId, json, compiledAt);

    public Guid RequestId { get; private set; }
    public string Json { get; private set; } = "";
    public DateTimeOffset CompiledAt { get; private set; }

    public void Replace(string json, DateTimeOffset compiledAt) => (Json, CompiledAt) = (json, compiledAt);
}
