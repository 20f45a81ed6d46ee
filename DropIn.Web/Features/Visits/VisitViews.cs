using DropIn.Domain.Cases;

namespace DropIn.Web.Features.Visits;

/// <summary>A visit in the manager's list. Times are UTC instants; <paramref name="AccessEnds"/> is when it ends or ended.</summary>
public sealed record VisitRow(Guid Id, string AssessorName, DateTimeOffset StartsAt, DateTimeOffset AccessEnds, int Files, bool EndedEarly, string GrantedByName);

public sealed record AssessorAccount(string Id, string Name);

/// <summary>The manager's page: visits newest first, the assessor accounts to choose from, and how many files may be sampled.</summary>
public sealed record VisitsOverview(IReadOnlyList<VisitRow> Visits, IReadOnlyList<AssessorAccount> Assessors, int ConsentedFiles);

/// <summary>A file in the assessor's sample: no student detail, only the case's reference, category and dates.</summary>
public sealed record SampleFile(Guid CaseId, string Reference, string Category, CaseStatus Status, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt);

/// <summary>
/// What an assessor may read now: the files of their open visits and when access ends (UTC), or, with none open, when
/// the next one granted starts (null when none is).
/// </summary>
public sealed record AssessorSample(IReadOnlyList<SampleFile> Files, DateTimeOffset? AccessEnds, DateTimeOffset? NextStartsAt);

/// <summary>A timeline entry, masked: what kind, when, who recorded it, and the text with names and contact details hidden.</summary>
public sealed record MaskedEntry(EntryKind Kind, DateTimeOffset OccurredAt, string RecordedBy, string Text, bool Corrected);

/// <summary>A key date or agreed action, masked: what, the London day, and whether it was met or done.</summary>
public sealed record MaskedItem(string What, DateOnly? On, bool Done);

/// <summary>A consent to share, masked: with whom (contact details hidden), for what, and from which London day to which.</summary>
public sealed record MaskedConsent(string ThirdParty, string Purpose, DateOnly GivenOn, DateOnly ExpiresOn, bool Withdrawn);

/// <summary>
/// A case file as an assessor reads it: the quality of the work, never who it was for. The student appears as
/// "the student"; their names, number, email addresses and phone numbers are masked wherever the file mentions them
/// (<see cref="DropIn.Domain.Reviews.FileMasking"/>). Monitoring answers and documents are never part of it.
/// </summary>
public sealed record MaskedFile(
    SampleFile File,
    string Summary,
    IReadOnlyList<string> Caseworkers,
    IReadOnlyList<MaskedEntry> Timeline,
    IReadOnlyList<MaskedItem> Deadlines,
    IReadOnlyList<MaskedItem> Plan,
    IReadOnlyList<MaskedConsent> Consents,
    CaseOutcome? Outcome,
    IReadOnlyList<string> Achieved,
    ServiceLevel? Level,
    string? OutcomeNote,
    DateTimeOffset AccessEnds);
