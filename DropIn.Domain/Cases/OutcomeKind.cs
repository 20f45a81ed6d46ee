namespace DropIn.Domain.Cases;

/// <summary>
/// What a case achieved for the student, from a list a manager keeps: the outcomes an advice-quality audit and the
/// annual report count (Advice Quality Standard: the service records the outcomes of its advice). A closed case has
/// one or more, each optionally with the student's financial gain.
/// </summary>
public sealed class OutcomeKind : NamedListEntry
{
    public static readonly string[] Defaults =
    [
        "Appeal upheld", "Appeal partly upheld", "Appeal not upheld", "Complaint resolved", "Refund or compensation",
        "Deposit recovered", "Hardship award", "Debt written off", "Fees reduced", "No further action",
    ];

    private OutcomeKind()
    {
    }

    /// <exception cref="RuleException">The name is empty or too long.</exception>
    public static OutcomeKind Create(string name, int sortOrder) => new() { Name = Valid(name), SortOrder = sortOrder };
}

/// <summary>How much the service did on a case, as advice-quality audits and the annual report count it.</summary>
public enum ServiceLevel
{
    /// <summary>Information and advice: the student acted on it themselves.</summary>
    AdviceOnly,

    /// <summary>The service acted for the student: wrote, negotiated or represented them.</summary>
    Casework,
}

/// <summary>One outcome a closed case achieved (<see cref="OutcomeKind"/> by id), with the student's financial gain in whole pounds sterling when there was one.</summary>
public sealed record OutcomeAchieved(int KindId, int? Pounds)
{
    /// <summary>The largest gain one outcome may record, in pounds: anything above is a typing slip for a student's case.</summary>
    public const int MaxPounds = 1_000_000;

    /// <summary>The most outcomes one case may record.</summary>
    public const int MaxPerCase = 10;

    /// <summary>The outcomes as a case keeps them: at least one, each kind once, gains whole and in range; a gain of £0 is none.</summary>
    /// <exception cref="RuleException">What <see cref="Problem"/> says.</exception>
    public static IReadOnlyList<OutcomeAchieved> Validated(IReadOnlyCollection<OutcomeAchieved>? achieved) =>
        Problem(achieved) is { } problem ? throw new RuleException(problem) : [.. achieved!.Select(a => a with { Pounds = a.Pounds == 0 ? null : a.Pounds })];

    /// <summary>What is wrong with <paramref name="achieved"/> in words, or null: none chosen, one chosen twice, too many, or a gain below 0 or above <see cref="MaxPounds"/>.</summary>
    public static string? Problem(IReadOnlyCollection<OutcomeAchieved>? achieved)
    {
        if (achieved is null || achieved.Count == 0)
        {
            return "Choose at least one outcome for the student from the list (\"No further action\" if nothing changed).";
        }

        if (achieved.Count > MaxPerCase || achieved.DistinctBy(a => a.KindId).Count() != achieved.Count)
        {
            return $"Choose each outcome once, and at most {MaxPerCase}.";
        }

        return achieved.Any(a => a.Pounds is < 0 or > MaxPounds) ? $"A financial gain is a whole number of pounds from 0 to {MaxPounds:N0}." : null;
    }
}
