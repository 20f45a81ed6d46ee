namespace DropIn.Domain.Cases;

public enum ConsentGivenBy
{
    InPerson,
    Phone,
    Email,
    SignedForm,
}

/// <summary>
/// The student's informed consent to share named information with a named third party for a purpose. Nothing is
/// shared with anyone outside the service without one (code of practice: confidentiality).
/// </summary>
public sealed class Consent
{
    private Consent()
    {
    }

    public Guid Id { get; private set; }
    public Guid StudentId { get; private set; }
    public string ThirdParty { get; private set; } = "";
    public string Information { get; private set; } = "";
    public string Purpose { get; private set; } = "";
    public DateOnly GivenOn { get; private set; }
    public ConsentGivenBy GivenBy { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public DateTimeOffset? WithdrawnAt { get; private set; }

    public static Consent Record(Guid studentId, string thirdParty, string information, string purpose, DateOnly givenOn, ConsentGivenBy givenBy, string by, DateTimeOffset now)
    {
        thirdParty = Required(thirdParty, "who the information may be shared with", 100);
        information = Required(information, "what information may be shared", 300);
        purpose = Required(purpose, "the purpose", 300);
        if (givenOn > Calendar.LondonTime.Today(now))
        {
            throw new RuleException("Consent cannot be dated in the future.");
        }

        return new Consent
        {
            Id = Guid.NewGuid(), StudentId = studentId, ThirdParty = thirdParty, Information = information, Purpose = purpose,
            GivenOn = givenOn, GivenBy = givenBy, RecordedAt = now, RecordedBy = by,
        };
    }

    public bool IsActive => WithdrawnAt is null;

    public void Withdraw(DateTimeOffset now) => WithdrawnAt ??= now;

    /// <summary>After a merge of duplicate student records.</summary>
    public void MoveTo(Guid studentId) => StudentId = studentId;

    /// <summary>Whether this consent covers sharing with <paramref name="thirdParty"/> on <paramref name="day"/>.</summary>
    public bool Covers(string thirdParty, DateOnly day) =>
        IsActive && GivenOn <= day && NameKey.Normalise(ThirdParty) == NameKey.Normalise(thirdParty);

    private static string Required(string value, string what, int max)
    {
        value = value?.Trim() ?? "";
        if (value.Length == 0)
        {
            throw new RuleException($"Record {what}.");
        }

        return value.Length <= max ? value : throw new RuleException($"Keep {what} to {max} characters.");
    }
}

public static class ConsentRules
{
    /// <summary>The consent that allows sharing with this third party on this day, or a refusal that says what is missing.</summary>
    public static Consent Require(IEnumerable<Consent> consents, Guid? consentId, string thirdParty, DateOnly day)
    {
        var matching = consents.Where(c => c.Covers(thirdParty, day)).ToList();
        if (matching.Count == 0)
        {
            throw new RuleException($"There is no recorded consent to share information with {thirdParty}. Record the student's consent first.");
        }

        if (consentId is null)
        {
            return matching[0];
        }

        return matching.FirstOrDefault(c => c.Id == consentId)
            ?? throw new RuleException($"The consent chosen does not cover sharing with {thirdParty} (or it was withdrawn).");
    }
}
