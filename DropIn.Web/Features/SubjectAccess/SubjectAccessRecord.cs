using System.Text.Json;
using System.Text.Json.Serialization;

namespace DropIn.Web.Features.SubjectAccess;

/// <summary>
/// The machine-readable form of a student's complete record, as released to them. Property names are part of the
/// schema (camelCase of these names): renaming or removing one means a new <see cref="SchemaVersion"/>. Every item has
/// an <c>id</c>, which is how a flagged field is found and withheld.
/// </summary>
public sealed record SubjectAccessRecord(
    string Schema,
    int SchemaVersion,
    string Request,
    DateOnly ReceivedOn,
    DateTimeOffset CompiledAt,
    string Service,
    RecordStudent Student,
    IReadOnlyList<RecordCase> Cases,
    IReadOnlyList<RecordVisit> Visits,
    IReadOnlyList<RecordAppointment> Appointments,
    IReadOnlyList<RecordEnquiry> Enquiries,
    IReadOnlyList<RecordConsent> Consents,
    RecordMonitoring? Monitoring,
    IReadOnlyList<RecordDispute> Disputes,
    IReadOnlyList<RecordComplaint>? Complaints = null)
{
    public const string SchemaName = "dropin.subject-access";

    // Complaints were added as an optional list (null in records compiled before): older readers ignore it, so the
    // version stands.
    public const int CurrentVersion = 1;

    /// <summary>What a withheld field reads as, in both the JSON and the readable document.</summary>
    public const string Withheld = "[withheld: concerns another person]";

    // Extension point: warnings and withdrawals of service (and any later record about the student) join here as
    // further lists, with a new schema version, when those features exist.

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}

public sealed record RecordStudent(
    Guid Id,
    string Name,
    string? PreferredName,
    string? Pronouns,
    string? Email,
    string? StudentNumber,
    string? College,
    string? Department,
    string? Course,
    string? Year,
    string Status,
    string ContactPreference,
    string? Phone,
    string? AccessNeeds,
    string? EligibilityNote,
    DateTimeOffset RegisteredAt,
    DateTimeOffset LastInvolvementAt,
    bool? SamplingConsent = null);

public sealed record RecordCase(
    Guid Id,
    string Reference,
    string Category,
    string Status,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt,
    string Summary,
    string? Outcome,
    string? OutcomeNote,
    IReadOnlyList<string> Caseworkers,
    IReadOnlyList<RecordDeadline> Deadlines,
    IReadOnlyList<RecordAction> ActionPlan,
    IReadOnlyList<RecordTimelineEntry> Timeline,
    IReadOnlyList<RecordDocument> Documents,
    RecordFirstContact? FirstContact = null,
    DateOnly? FollowUpOn = null,
    string? ClosingChecks = null,
    IReadOnlyList<RecordOutcomeAchieved>? Achieved = null,
    string? Level = null);

/// <summary>One outcome a closed case achieved for the student, with their financial gain in whole pounds when there was one. Optional in the schema, like the parts after it.</summary>
public sealed record RecordOutcomeAchieved(string Outcome, int? Pounds);

/// <summary>
/// What the case records of its first contact: the service information the student was given (flag names, e.g.
/// "ConfidentialityPolicy, CodeOfPractice"), how and by whom, and the latest conflict check's finding. Added as an
/// optional part (null in records compiled before), so older readers ignore it and the schema version stands.
/// </summary>
public sealed record RecordFirstContact(
    string? InformationGiven,
    string? InformationGivenHow,
    DateTimeOffset? InformationGivenAt,
    string? InformationGivenBy,
    DateTimeOffset? ConflictCheckedAt,
    string? ConflictCheckedBy,
    string? ConflictFinding);

public sealed record RecordDeadline(Guid Id, string Title, DateOnly DueOn, DateTimeOffset? MetAt);

public sealed record RecordAction(Guid Id, string Party, string What, DateOnly? By, DateTimeOffset AgreedAt, DateTimeOffset? DoneAt);

/// <summary>A timeline entry; a corrected one stays in the record, marked, with the id of the entry that corrects it.</summary>
public sealed record RecordTimelineEntry(
    Guid Id,
    string Kind,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    string RecordedBy,
    string Text,
    string? Method,
    string? ThirdParty,
    string? MeetingBody,
    string? Role,
    string? Service,
    bool SharesInformation,
    bool Corrected,
    Guid? CorrectedBy,
    Guid? Corrects);

/// <summary>The list of documents only: a file itself is given to the student from the case, not inside this record.</summary>
public sealed record RecordDocument(Guid Id, string FileName, string Type, long SizeBytes, DateTimeOffset UploadedAt);

public sealed record RecordVisit(Guid Id, DateTimeOffset CheckedInAt, string Topic, string Status, string? Outcome, string? SeenBy, string? CaseReference);

public sealed record RecordAppointment(Guid Id, DateTimeOffset Start, DateTimeOffset End, string Kind, string Topic, string Status, string? Caseworker, string? CancelReason, string? CaseReference);

public sealed record RecordEnquiry(Guid Id, DateTimeOffset ReceivedAt, string Channel, string Summary, DateTimeOffset? AcknowledgedAt, string? Outcome, string? ClosedReason, string? CaseReference);

/// <param name="ExpiresOn">The first day it no longer covered (null in a record compiled before consent expired).</param>
/// <param name="RenewedOn">The day the student last renewed it, if they did.</param>
public sealed record RecordConsent(Guid Id, string ThirdParty, string Information, string Purpose, DateOnly GivenOn, string GivenBy, DateTimeOffset? WithdrawnAt, DateOnly? ExpiresOn = null, DateOnly? RenewedOn = null);

public sealed record RecordMonitoring(DateTimeOffset RecordedAt, DateOnly? DateOfBirth, string? Gender, string? Ethnicity, string? Disability, string? LevelOfStudy, string? FeeStatus);

/// <summary>A dispute the student is a party to: which side, never who is on the other.</summary>
public sealed record RecordDispute(Guid Id, string Reference, string Title, int Side, DateTimeOffset OpenedAt, DateTimeOffset? EndedAt);

/// <summary>
/// A complaint the student made, or one about their case: what they said and the letters they were sent. Who it was
/// about and what the service learned from it are the service's own record, not part of it.
/// </summary>
public sealed record RecordComplaint(Guid Id, string Reference, DateTimeOffset ReceivedAt, string Channel, string Summary, int Stage,
    string? StageOneOutcome, string? StageOneResponse, string? Outcome, string? Response, DateTimeOffset? RespondedAt, string? CaseReference);
