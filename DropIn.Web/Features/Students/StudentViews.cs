using DropIn.Domain.Appointments;
using DropIn.Domain.Cases;
using DropIn.Domain.Enquiries;
using DropIn.Domain.Queue;

namespace DropIn.Web.Features.Students;

public sealed record StudentSummary(Guid Id, string DisplayName, string? Email, string? StudentNumber, string? College, StudentStatus Status, DateTimeOffset LastInvolvementAt);

/// <summary>Search results, and how many matches an information barrier hid (the screen says so, not who).</summary>
public sealed record StudentSearch(IReadOnlyList<StudentSummary> Found, int Hidden);

public sealed record PossibleDuplicate(StudentSummary Student, IReadOnlyList<string> Reasons);

public sealed record CaseSummary(Guid Id, string Reference, string Category, CaseStatus Status, DateTimeOffset OpenedAt, CaseOutcome? Outcome);

public sealed record VisitLink(Guid Id, DateTimeOffset At, string Topic, VisitOutcome? Outcome, Guid? CaseId);

public sealed record AppointmentLink(Guid Id, DateTimeOffset Start, AppointmentKind Kind, string Topic, AppointmentStatus Status, Guid? CaseId);

public sealed record EnquiryLink(Guid Id, DateTimeOffset ReceivedAt, EnquiryChannel Channel, string Summary, EnquiryOutcome? Outcome, Guid? CaseId);

/// <summary>
/// A student's record as one member of staff may see it. <see cref="Cases"/> is null for staff who may not see case
/// files (reception sees registration basics and the visits and bookings it handles, never case details).
/// </summary>
public sealed record StudentRecord(
    Student Student,
    IReadOnlyList<CaseSummary>? Cases,
    IReadOnlyList<VisitLink> Visits,
    IReadOnlyList<AppointmentLink> Appointments,
    IReadOnlyList<EnquiryLink> Enquiries,
    DateTimeOffset? MonitoringRecordedAt);
