using DropIn.Domain.Complaints;
using DropIn.Domain.Enquiries;

namespace DropIn.Web.Features.Complaints;

/// <param name="Hidden">An information barrier keeps the user from the student it concerns: who and what are withheld.</param>
public sealed record ComplaintRow(Complaint Complaint, ComplaintState State, string Handler, bool Hidden);

/// <param name="AboutYou">Open complaints about the user, which other managers handle and the user cannot see.</param>
public sealed record ComplaintRegister(IReadOnlyList<ComplaintRow> Rows, int AboutYou);

/// <summary>One complaint as its handler sees it, with the names of the staff it mentions.</summary>
public sealed record ComplaintView(Complaint Complaint, ComplaintState State, string? Handler, string? AboutStaff, string? StageOneHandler, string? CaseReference, bool ContactIsEmail);

/// <summary>A member of staff who may handle a complaint's current stage.</summary>
public sealed record ComplaintHandler(string Id, string Name);

/// <summary>What the record dialog collects: a complaint as received, with when (an instant) and by which channel.</summary>
public sealed record ComplaintRecording(EnquiryChannel Channel, DateTimeOffset ReceivedAt, string Name, string? Contact, string Summary, string? AboutStaffId, string? CaseReference);
