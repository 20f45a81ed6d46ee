namespace DropIn.Domain.Cases;

public enum EntryKind
{
    Note,
    Advice,
    Action,
    Contact,
    Meeting,
    Document,
    Referral,
}

public enum ContactMethod
{
    Phone,
    Email,
    Letter,
    InPerson,
    Video,
}

/// <summary>The part agreed with the student before a meeting or hearing.</summary>
public enum MeetingRole
{
    Support,
    Representation,
    NoteTaker,
}

/// <summary>What a caseworker fills in for a timeline entry; which fields matter depends on the kind.</summary>
public sealed record EntryDraft(
    EntryKind Kind,
    string Text,
    DateTimeOffset? OccurredAt = null,
    ContactMethod? Method = null,
    string? ThirdParty = null,
    string? MeetingBody = null,
    MeetingRole? Role = null,
    Guid? SignpostId = null,
    bool SharesInformation = false,
    Guid? ConsentId = null,
    Guid? DocumentId = null);

/// <summary>
/// One event on a case's timeline: who recorded it and when, and what happened. Entries are never overwritten: a
/// correction is a new entry pointing at the one it corrects, and the original stays visible as corrected.
/// </summary>
public sealed class TimelineEntry
{
    public const int MaxTextLength = 4000;

    private TimelineEntry()
    {
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public EntryKind Kind { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public string Text { get; private set; } = "";
    public ContactMethod? Method { get; private set; }

    /// <summary>Someone outside the service the entry involves (a tutor, a landlord); null when it is the student.</summary>
    public string? ThirdParty { get; private set; }
    public string? MeetingBody { get; private set; }
    public MeetingRole? Role { get; private set; }
    public Guid? SignpostId { get; private set; }
    public bool SharesInformation { get; private set; }
    public Guid? ConsentId { get; private set; }
    public Guid? DocumentId { get; private set; }
    public Guid? CorrectsId { get; private set; }
    public Guid? CorrectedById { get; private set; }

    public bool IsCorrected => CorrectedById is not null;

    /// <summary>
    /// A new entry. <paramref name="consents"/> are the student's: an entry that passes information to a third party
    /// (a contact with someone other than the student, or a referral that shares details) needs a matching consent.
    /// </summary>
    public static TimelineEntry Record(Guid caseId, EntryDraft draft, IReadOnlyList<Consent> consents, string? signpostName, string by, DateTimeOffset now)
    {
        var text = draft.Text?.Trim() ?? "";
        if (text.Length > MaxTextLength)
        {
            throw new RuleException($"An entry can be at most {MaxTextLength} characters; split it into two.");
        }

        if (text.Length == 0 && draft.Kind != EntryKind.Document)
        {
            throw new RuleException(draft.Kind switch
            {
                EntryKind.Meeting => "Record what happened at the meeting or hearing.",
                EntryKind.Referral => "Record what was passed on, or what the student was told about the service.",
                _ => "Write the entry before saving it.",
            });
        }

        var occurred = draft.OccurredAt ?? now;
        if (occurred > now.AddMinutes(5) && draft.Kind != EntryKind.Meeting)
        {
            throw new RuleException("Only a meeting or hearing can be dated in the future.");
        }

        var entry = new TimelineEntry
        {
            Id = Guid.NewGuid(), CaseId = caseId, Kind = draft.Kind, OccurredAt = occurred, RecordedAt = now, RecordedBy = by, Text = text,
        };
        var day = Calendar.LondonTime.Today(now);
        switch (draft.Kind)
        {
            case EntryKind.Contact:
                entry.Method = draft.Method ?? throw new RuleException("Say how the contact was made: phone, email, letter, in person or video.");
                entry.ThirdParty = string.IsNullOrWhiteSpace(draft.ThirdParty) ? null : draft.ThirdParty.Trim();
                if (entry.ThirdParty is { Length: > 100 })
                {
                    throw new RuleException("Keep who was contacted to 100 characters.");
                }

                if (entry.ThirdParty is not null)
                {
                    entry.SharesInformation = true;
                    entry.ConsentId = ConsentRules.Require(consents, draft.ConsentId, entry.ThirdParty, day).Id;
                }

                break;
            case EntryKind.Meeting:
                entry.MeetingBody = string.IsNullOrWhiteSpace(draft.MeetingBody) ? throw new RuleException("Name the meeting or hearing (e.g. Appeals Committee).") : draft.MeetingBody.Trim();
                entry.Role = draft.Role is { } role && Enum.IsDefined(role) ? role : throw new RuleException("Record the role agreed with the student beforehand: support, representation or note-taker.");
                break;
            case EntryKind.Referral:
                entry.SignpostId = draft.SignpostId ?? throw new RuleException("Choose the service from the directory.");
                entry.SharesInformation = draft.SharesInformation;
                if (draft.SharesInformation)
                {
                    entry.ConsentId = ConsentRules.Require(consents, draft.ConsentId, signpostName ?? "", day).Id;
                }

                break;
            case EntryKind.Document:
                entry.DocumentId = draft.DocumentId ?? throw new RuleException("Upload the document first.");
                break;
            default:
                if (!Enum.IsDefined(draft.Kind))
                {
                    throw new RuleException("Choose what kind of entry this is.");
                }

                break;
        }

        return entry;
    }

    /// <summary>A tracked edit: a new entry with the corrected text; this one stays, marked as corrected.</summary>
    public TimelineEntry CorrectWith(string text, string by, DateTimeOffset now)
    {
        if (IsCorrected)
        {
            throw new RuleException("This entry has already been corrected; correct the latest version instead.");
        }

        text = text?.Trim() ?? "";
        if (text.Length is 0 or > MaxTextLength)
        {
            throw new RuleException($"The corrected text needs 1 to {MaxTextLength} characters.");
        }

        if (text == Text)
        {
            throw new RuleException("The text is unchanged; nothing to correct.");
        }

        var correction = (TimelineEntry)MemberwiseClone();
        correction.Id = Guid.NewGuid();
        correction.Text = text;
        correction.RecordedAt = now;
        correction.RecordedBy = by;
        correction.CorrectsId = Id;
        correction.CorrectedById = null;
        CorrectedById = correction.Id;
        return correction;
    }
}
