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
/// shared with anyone outside the service without one (code of practice: confidentiality). It lasts a set number of
/// months (the service's setting when it was given, 6 by default: what the student agreed to then), after which
/// sharing is refused as if there were none until the student renews it (Advice Quality Standard: consent is current).
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

    /// <summary>The first London day the consent no longer covers: the day given (or renewed) plus its months.</summary>
    public DateOnly ExpiresOn { get; private set; }

    /// <summary>The day the student last renewed it, and how; null if never renewed.</summary>
    public DateOnly? RenewedOn { get; private set; }

    public ConsentGivenBy? RenewedBy { get; private set; }

    /// <summary>When the caseworkers were prompted to renew it; cleared by a renewal, so the next expiry prompts again.</summary>
    public DateTimeOffset? RenewalPromptedAt { get; private set; }

    /// <summary>
    /// Moves on with every change, so that of two saves made from the same reading (two prompt runs at once, on two
    /// servers) the second is refused and re-applied.
    /// </summary>
    public int Version { get; private set; }

    /// <summary>The fewest and most months a consent may last (the setting DropIn:Cases:ConsentMonths is held to these).</summary>
    public const int MinMonths = 1;

    /// <inheritdoc cref="MinMonths"/>
    public const int MaxMonths = 24;

    /// <summary>Working days before it expires that the caseworkers are prompted to renew it.</summary>
    public const int RenewalNoticeWorkingDays = 10;

    /// <param name="givenOn">The London day the student gave it; not after today.</param>
    /// <param name="months">How long it lasts, <see cref="MinMonths"/> to <see cref="MaxMonths"/>.</param>
    /// <exception cref="RuleException">A detail missing or too long, or a date in the future.</exception>
    public static Consent Record(Guid studentId, string thirdParty, string information, string purpose, DateOnly givenOn, ConsentGivenBy givenBy, int months, string by, DateTimeOffset now)
    {
        thirdParty = Required(thirdParty, "who the information may be shared with", 100);
        information = Required(information, "what information may be shared", 300);
        purpose = Required(purpose, "the purpose", 300);
        NotInFuture(givenOn, now);
        return new Consent
        {
            Id = Guid.NewGuid(), StudentId = studentId, ThirdParty = thirdParty, Information = information, Purpose = purpose,
            GivenOn = givenOn, GivenBy = givenBy, ExpiresOn = Expiry(givenOn, months), RecordedAt = now, RecordedBy = by,
        };
    }

    public bool IsActive => WithdrawnAt is null;

    /// <summary>Whether it has lapsed by <paramref name="day"/> (London): from <see cref="ExpiresOn"/> it covers nothing.</summary>
    public bool IsExpired(DateOnly day) => day >= ExpiresOn;

    public void Withdraw(DateTimeOffset now)
    {
        if (WithdrawnAt is null)
        {
            WithdrawnAt = now;
            Version++;
        }
    }

    /// <summary>
    /// The student agrees again, for the same information, third party and purpose: it lasts <paramref name="months"/>
    /// from <paramref name="renewedOn"/>. Anything different is new consent.
    /// </summary>
    /// <exception cref="RuleException">Withdrawn consent (new consent is needed), or a day in the future or before it was given.</exception>
    public void Renew(DateOnly renewedOn, ConsentGivenBy by, int months, DateTimeOffset now)
    {
        if (!IsActive)
        {
            throw new RuleException($"The consent to share with {ThirdParty} was withdrawn: record new consent instead.");
        }

        NotInFuture(renewedOn, now);
        if (renewedOn < (RenewedOn ?? GivenOn))
        {
            throw new RuleException("A renewal cannot be dated before the consent was last given.");
        }

        (RenewedOn, RenewedBy, ExpiresOn, RenewalPromptedAt) = (renewedOn, by, Expiry(renewedOn, months), null);
        Version++;
    }

    /// <summary>
    /// Whether the caseworkers should be prompted now to renew it: from the <see cref="RenewalNoticeWorkingDays"/>th
    /// working day before it expires (or at once, if it is already closer or past), once per expiry, never for withdrawn consent.
    /// </summary>
    public bool RenewalPromptDue(DateOnly today, Calendar.WorkingCalendar calendar) =>
        IsActive && RenewalPromptedAt is null && today >= calendar.WorkingDaysBefore(ExpiresOn, RenewalNoticeWorkingDays);

    public void MarkRenewalPrompted(DateTimeOffset now)
    {
        if (RenewalPromptedAt is null)
        {
            RenewalPromptedAt = now;
            Version++;
        }
    }

    /// <summary>After a merge of duplicate student records.</summary>
    public void MoveTo(Guid studentId) => StudentId = studentId;

    /// <summary>Whether this consent covers sharing with <paramref name="thirdParty"/> on <paramref name="day"/>: not withdrawn, given by then, not yet expired.</summary>
    public bool Covers(string thirdParty, DateOnly day) => IsFor(thirdParty) && GivenOn <= day && !IsExpired(day);

    /// <summary>Whether it names <paramref name="thirdParty"/> and was not withdrawn, whether or not it is current.</summary>
    public bool IsFor(string thirdParty) => IsActive && NameKey.Normalise(ThirdParty) == NameKey.Normalise(thirdParty);

    private static DateOnly Expiry(DateOnly from, int months) =>
        months is >= MinMonths and <= MaxMonths ? from.AddMonths(months) : throw new RuleException($"Consent lasts between {MinMonths} and {MaxMonths} months.");

    private static void NotInFuture(DateOnly day, DateTimeOffset now)
    {
        if (day > Calendar.LondonTime.Today(now))
        {
            throw new RuleException("Consent cannot be dated in the future.");
        }
    }

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
    /// <summary>The latest unwithdrawn consent for <paramref name="thirdParty"/> that had expired by <paramref name="day"/>, if any: what to name when sharing is refused.</summary>
    public static Consent? Lapsed(IEnumerable<Consent> consents, string thirdParty, DateOnly day) =>
        consents.Where(c => c.IsFor(thirdParty) && c.IsExpired(day)).MaxBy(c => c.ExpiresOn);

    /// <summary>The consent that allows sharing with this third party on this day, or a refusal that says what is missing.</summary>
    public static Consent Require(IEnumerable<Consent> consents, Guid? consentId, string thirdParty, DateOnly day)
    {
        var matching = consents.Where(c => c.Covers(thirdParty, day)).ToList();
        if (matching.Count == 0 && Lapsed(consents, thirdParty, day) is { } lapsed)
        {
            throw new RuleException($"The student's consent to share information with {thirdParty} expired on {Conduct.ConductLetters.Date(lapsed.ExpiresOn)}. Renew it with the student before sharing.");
        }

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
