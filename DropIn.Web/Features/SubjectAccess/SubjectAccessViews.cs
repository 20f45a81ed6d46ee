using DropIn.Domain.Confidentiality;
using DropIn.Web.Live;

namespace DropIn.Web.Features.SubjectAccess;

/// <summary>A subject access request was recorded or moved on: the board and the request's page re-read.</summary>
public sealed record SubjectAccessChanged(Guid RequestId) : LiveChange;

/// <summary>One row of the managers' board.</summary>
public sealed record SubjectAccessRow(
    Guid Id,
    string Reference,
    string StudentName,
    DateOnly ReceivedOn,
    SubjectAccessChannel ReceivedHow,
    DateOnly Deadline,
    int DaysLeft,
    bool Overdue,
    bool DueSoon,
    int ExtensionMonths,
    SubjectAccessStatus Status,
    int Undecided,
    bool IsOpen);

public sealed record SubjectAccessBoard(IReadOnlyList<SubjectAccessRow> Open, IReadOnlyList<SubjectAccessRow> Closed, int Overdue, int DueSoon);

/// <summary>A flagged item as the manager deciding on it sees it: where it is in the record, why, and its text.</summary>
public sealed record FlagView(SubjectAccessFlag Flag, string Where, string? Text, string? DecidedBy);

/// <summary>How many items of each kind the compiled record holds, so the manager sees its size at a glance.</summary>
public sealed record RecordCounts(int Cases, int TimelineEntries, int Documents, int Visits, int Appointments, int Enquiries, int Consents, bool Monitoring);

public sealed record SubjectAccessView(
    SubjectAccessRequest Request,
    Guid StudentId,
    string StudentName,
    DateOnly Today,
    IReadOnlyDictionary<string, string> StaffNames,
    IReadOnlyList<FlagView> Flags,
    RecordCounts? Counts,
    bool StudentIsDisputeParty,
    bool MayExport)
{
    public string Staff(string? id) => id is null ? "" : StaffNames.GetValueOrDefault(id, "(former member of staff)");
}

/// <summary>The files handed to the student: the same record, readable and machine-readable.</summary>
public sealed record SubjectAccessExport(string Reference, byte[] Json, string Html);
