namespace DropIn.Web.Live;

/// <summary>
/// Something changed; screens that show it re-read it through their authorised service. Carries ids only,
/// so that nothing confidential crosses the bus (or Redis, when scaled out).
/// </summary>
public abstract record LiveChange;

public sealed record QueueChanged(Guid SessionId) : LiveChange;

/// <summary>An appointment on this London date was booked, confirmed, moved, cancelled or marked.</summary>
public sealed record DiaryChanged(DateOnly Date) : LiveChange;

/// <summary>
/// When appointments can be booked changed: a caseworker's windows, leave or flags, or the service's closure days.
/// Free times read before it are out of date.
/// </summary>
public sealed record AvailabilityChanged : LiveChange;

/// <summary>An enquiry was recorded, acknowledged, resolved, reassigned or reminded about.</summary>
public sealed record EnquiryChanged(Guid EnquiryId) : LiveChange;

/// <summary>A member of staff has a new in-app notification.</summary>
public sealed record StaffNotified(string StaffId) : LiveChange;

/// <summary>A complaint was recorded, changed, or reminded about.</summary>
public sealed record ComplaintChanged(Guid ComplaintId) : LiveChange;

/// <summary>A dispute's parties or staff changed: information barriers may now hide, or show, records on any screen.</summary>
public sealed record DisputeChanged(Guid DisputeId) : LiveChange;

/// <summary>A case's details, timeline, plan, deadlines or documents changed.</summary>
public sealed record CaseChanged(Guid CaseId) : LiveChange;

/// <summary>A student record was registered, edited or merged, or something was linked to it.</summary>
public sealed record StudentChanged(Guid StudentId) : LiveChange;

/// <summary>A sign-in of this member of staff ended, or all of them did: their open screens re-check whether they still count.</summary>
public sealed record SignInsEnded(string StaffId) : LiveChange;

/// <summary>
/// Raised on one server only, never sent to another: its link to the other servers (Redis) was down and is back, so
/// changes made elsewhere meanwhile may not have arrived. Every screen on this server re-reads once
/// (<see cref="LiveReader"/>) and the board refreshes (<see cref="Features.Queue.DisplayHubRelay"/>).
/// </summary>
public sealed record ChangesMayHaveBeenMissed : LiveChange;
