namespace DropIn.Domain.Conduct;

/// <summary>
/// A written warning that the service may be withdrawn if the behaviour continues: the step the code of practice puts
/// before a withdrawal "where possible". The letter is kept as it was sent.
/// </summary>
public sealed class ConductWarning
{
    public const int MaxLetterLength = 8000;

    private ConductWarning()
    {
    }

    public Guid Id { get; private set; }
    public Guid StudentId { get; private set; }

    /// <summary>The behaviours the letter names.</summary>
    public IncidentKind Grounds { get; private set; }

    /// <summary>The letter as issued (generated from the template, perhaps edited). Encrypted at rest.</summary>
    public string LetterText { get; private set; } = "";
    public LetterDelivery Delivery { get; private set; }
    public string IssuedBy { get; private set; } = "";
    public DateTimeOffset IssuedAt { get; private set; }

    public static ConductWarning Issue(Guid studentId, IncidentKind grounds, string letterText, LetterDelivery delivery, string by, DateTimeOffset now)
    {
        grounds = IncidentKinds.RequireGrounds(grounds);
        return new ConductWarning
        {
            Id = Guid.NewGuid(),
            StudentId = studentId,
            Grounds = grounds,
            LetterText = Letters.Require(letterText, MaxLetterLength),
            Delivery = Letters.RequireDelivery(delivery),
            IssuedBy = by,
            IssuedAt = now,
        };
    }

    public void MoveTo(Guid studentId) => StudentId = studentId;
}

internal static class Letters
{
    public static string Require(string? text, int max)
    {
        text = text?.Trim() ?? "";
        return text.Length > 0 && text.Length <= max ? text : throw new RuleException($"The letter needs some text (at most {max} characters).");
    }

    public static LetterDelivery RequireDelivery(LetterDelivery delivery) =>
        Enum.IsDefined(delivery) ? delivery : throw new RuleException("Choose how the letter is sent.");
}
