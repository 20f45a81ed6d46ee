using DropIn.Domain.Enquiries;

namespace DropIn.Web.Features.Enquiries;

/// <summary>The live SLA board: open enquiries by due time, with counts. Staff only.</summary>
public sealed record SlaBoard(IReadOnlyList<SlaRow> Rows, int OnTrack, int DueToday, int Overdue, int Breached, IReadOnlyList<StaffOption> Staff);

/// <param name="Hidden">An information barrier keeps this user from who it is from: only its deadlines show, and no action is offered.</param>
public sealed record SlaRow(Enquiry Enquiry, SlaState State, string AssigneeName, bool Hidden = false);

public sealed record StaffOption(string Id, string Name);

/// <summary>
/// One month and channel of the acknowledgement report. Each share is of the enquiries judged against that deadline
/// (acknowledged, or the deadline passed); <see cref="NotYetDue"/> counts those whose target is still ahead and
/// unacknowledged. A share is null when nothing is judged yet.
/// </summary>
public sealed record SlaReportRow(int Year, int Month, EnquiryChannel Channel, int Received, int NotYetDue, int DueByTarget, int WithinTwo, int DueByBreach, int WithinThree)
{
    public double? ShareWithinTwo => DueByTarget == 0 ? null : (double)WithinTwo / DueByTarget;
    public double? ShareWithinThree => DueByBreach == 0 ? null : (double)WithinThree / DueByBreach;
}
