using DropIn.Domain.Cases;
using DropIn.Web.Features.Students;

namespace DropIn.Web.Features.Cases;

/// <summary>Where a case was opened or added from, in one step: a drop-in ticket, an appointment or an enquiry.</summary>
public enum LinkSourceKind
{
    Visit,
    Appointment,
    Enquiry,
}

public sealed record LinkSource(LinkSourceKind Kind, Guid Id);

/// <summary>The person a link source is about, as far as it says: prefills the student search and registration.</summary>
public sealed record SourceDetails(string Name, string? Email, string? StudentNumber, string Topic, Guid? StudentId, Guid? CaseId);

public sealed record StaffName(string Id, string Name);

public sealed record TimelineItem(TimelineEntry Entry, string RecordedByName, string? SignpostName, string? DocumentName);

/// <summary>
/// A case file as a caseworker sees it. Monitoring answers are never part of it. <see cref="Timeline"/> is the newest
/// entries, newest first; <see cref="TimelineCount"/> is how many the case has in all. <see cref="FollowUp"/> is null
/// for a closed case. <see cref="Achieved"/> is what a closed case achieved, in words with any gain ("Deposit recovered, £650").
/// </summary>
public sealed record CaseFile(
    Case Case,
    Student Student,
    string Category,
    IReadOnlyList<StaffName> Caseworkers,
    IReadOnlyList<TimelineItem> Timeline,
    int TimelineCount,
    IReadOnlyList<CaseDeadline> Deadlines,
    IReadOnlyList<ActionItem> Plan,
    IReadOnlyList<Consent> Consents,
    StudentLinks Links,
    OpeningRecord Opening,
    FollowUpPlan? FollowUp,
    IReadOnlyList<string> Achieved);

/// <summary>
/// The first-contact record as the file shows it: who gave the service information and who ran the latest conflict
/// check (names; null when not recorded), and what the student's other cases record as given already.
/// </summary>
public sealed record OpeningRecord(string? InformedBy, string? CheckedBy, ServiceInformation GivenOnOtherCases);

/// <param name="FollowUpBy">The London day its follow-up is due (<see cref="FollowUpPlan.DueOn"/>).</param>
public sealed record CaseListRow(Guid Id, string Reference, string StudentName, string Category, DateTimeOffset OpenedAt, DateOnly? NextDeadline, bool Mine, DateOnly FollowUpBy);

/// <param name="Informed">The service information ticked in the dialog, or null when none was.</param>
public sealed record OpenCaseRequest(int CategoryId, string Summary, ServiceInformationGiven? Informed);

public enum PlanForm
{
    Deadline,
    Action,
    Consent,

    /// <summary>The student agrees again to a consent already recorded: a date and how.</summary>
    Renewal,

    /// <summary>The day a caseworker plans to be next in touch with the student.</summary>
    FollowUp,
}

public sealed record PlanRequest(PlanForm Mode, string Text, DateOnly? Date, PlanParty Party, string ThirdParty, string Purpose, ConsentGivenBy GivenBy);

/// <summary>Where a visit, appointment or enquiry was filed: the student, and the case unless linked to the student only.</summary>
public sealed record FiledOn(Guid StudentId, Guid? CaseId)
{
    public string Link => CaseId is { } id ? $"/cases/{id}" : $"/students/{StudentId}";
}
