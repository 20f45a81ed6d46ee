using DropIn.Domain.Cases;

namespace DropIn.Web.Features.Cases;

/// <summary>One outcome offered when closing a case: whether it is ticked, and the student's gain in whole pounds.</summary>
public sealed class OutcomeChoice(OutcomeKind kind)
{
    public OutcomeKind Kind { get; } = kind;

    public bool Chosen { get; set; }

    public int? Pounds { get; set; }

    /// <summary>The ticked outcomes as a closing records them.</summary>
    public static IReadOnlyList<OutcomeAchieved> Achieved(IEnumerable<OutcomeChoice> choices) =>
        [.. choices.Where(c => c.Chosen).Select(c => new OutcomeAchieved(c.Kind.Id, c.Pounds))];
}
