namespace DropIn.Domain.Appointments;

/// <summary>An appointment with a caseworker, from a student's unconfirmed hold to attended, no-show or cancelled.</summary>
public sealed class Appointment
{
    public const int MaxReasonLength = 200;

    private Appointment()
    {
    }

    public Guid Id { get; private set; }
    public string StaffId { get; private set; } = "";
    public DateTimeOffset Start { get; private set; }
    public DateTimeOffset End { get; private set; }
    public AppointmentKind Kind { get; private set; }
    public string? Room { get; private set; }
    public string? VideoLink { get; private set; }
    public string Topic { get; private set; } = "";
    public string StudentName { get; private set; } = "";
    public string StudentEmail { get; private set; } = "";

    /// <summary>Who the student is by email (<see cref="Cases.UniversityEmail"/>): what the limit, withdrawal and no-show checks compare.</summary>
    public string StudentEmailKey { get; private set; } = "";
    public string? StudentPhone { get; private set; }
    public AppointmentStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The member of staff who booked it, or null when the student booked it themselves.</summary>
    public string? BookedBy { get; private set; }
    public DateTimeOffset? HoldExpiresAt { get; private set; }
    /// <summary>When the student was last sent this appointment's time as confirmed: on confirming, when staff booked it, or when it was moved.</summary>
    public DateTimeOffset? ConfirmedAt { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }
    public string? CancelledBy { get; private set; }
    public string? CancelReason { get; private set; }
    public DateTimeOffset? AttendanceRecordedAt { get; private set; }

    /// <summary>When reception marked the student as here for it (UTC); null until then, or after "not arrived".</summary>
    public DateTimeOffset? ArrivedAt { get; private set; }
    public DateTimeOffset? ReminderQueuedAt { get; private set; }

    /// <summary>SHA-256 of the student's private link; the link itself is only ever in their email.</summary>
    public string ManageTokenHash { get; private set; } = "";

    /// <summary>
    /// "staff|start" while the appointment holds its time, null once released. Unique in the database, so two
    /// bookings of one caseworker's time can never both be stored, whatever the screens did.
    /// </summary>
    public string? SlotKey { get; private set; }
    public int Version { get; private set; }
    /// <summary>The student record and case this was linked to by a caseworker, once known.</summary>
    public Guid? StudentId { get; private set; }
    public Guid? CaseId { get; private set; }

    /// <summary>
    /// When the student ticked "you may email me an anonymous feedback form" while booking; null if they did not. It
    /// counts towards the linked student record's permission only once the booking was confirmed from their inbox.
    /// </summary>
    public DateTimeOffset? FeedbackPermissionAt { get; private set; }


    public bool HoldsTime => Status is AppointmentStatus.PendingConfirmation or AppointmentStatus.Confirmed;

    public static string KeyOf(string staffId, DateTimeOffset start) => $"{staffId}|{start.UtcTicks}";

    /// <summary>A student's own booking: held until they confirm from their email.</summary>
    public static Appointment Hold(Slot slot, StudentBooking student, string? room, string? videoLink, string manageTokenHash, DateTimeOffset now, TimeSpan holdFor) =>
        New(slot, student, room, videoLink, manageTokenHash, now, AppointmentStatus.PendingConfirmation, bookedBy: null, holdExpires: now + holdFor);

    /// <summary>
    /// A student's own request that may not be booked online (service withdrawn, or the booking limit reached). It holds
    /// the time exactly as long as an unconfirmed request would, so that what a stranger typing someone's address can see
    /// (the time gone, one email sent) is the same whoever the address belongs to. It can never be confirmed (no link
    /// to it is ever sent), keeps no topic or phone number, and does not count towards the limit.
    /// </summary>
    public static Appointment Declined(Slot slot, StudentBooking student, string unusableTokenHash, DateTimeOffset now, TimeSpan holdFor) =>
        New(slot, student with { Topic = "", Phone = null }, room: null, videoLink: null, unusableTokenHash, now, AppointmentStatus.Declined, bookedBy: null, holdExpires: now + holdFor);

    /// <summary>Booked by staff with the student on the phone or at the desk: confirmed at once.</summary>
    public static Appointment BookedByStaff(Slot slot, StudentBooking student, string? room, string? videoLink, string manageTokenHash, DateTimeOffset now, string staffId) =>
        New(slot, student, room, videoLink, manageTokenHash, now, AppointmentStatus.Confirmed, staffId, holdExpires: null);

    private static Appointment New(Slot slot, StudentBooking student, string? room, string? videoLink, string hash, DateTimeOffset now, AppointmentStatus status, string? bookedBy, DateTimeOffset? holdExpires) => new()
    {
        Id = Guid.NewGuid(),
        StaffId = slot.StaffId,
        Start = slot.Start,
        End = slot.End,
        Kind = student.Kind,
        Room = student.Kind == AppointmentKind.InPerson ? room : null,
        VideoLink = student.Kind == AppointmentKind.Video ? videoLink : null,
        Topic = student.Topic,
        StudentName = student.Name,
        StudentEmail = student.Email,
        StudentEmailKey = Cases.UniversityEmail.Key(student.Email) ?? "",
        StudentPhone = student.Phone,
        Status = status,
        CreatedAt = now,
        BookedBy = bookedBy,
        HoldExpiresAt = holdExpires,
        ConfirmedAt = status == AppointmentStatus.Confirmed ? now : null,
        ManageTokenHash = hash,
        SlotKey = KeyOf(slot.StaffId, slot.Start),
    };

    public void Confirm(DateTimeOffset now)
    {
        if (Status == AppointmentStatus.Confirmed)
        {
            return;
        }

        if (Status != AppointmentStatus.PendingConfirmation || HoldExpiresAt < now)
        {
            throw new RuleException("This booking can no longer be confirmed: the time was released. Please book again.");
        }

        Status = AppointmentStatus.Confirmed;
        ConfirmedAt = now;
        HoldExpiresAt = null;
        Version++;
    }

    /// <summary>Whether this keeps its caseworker's time at <paramref name="now"/>: a hold or declined request only until its time is up.</summary>
    public bool KeepsTimeAt(DateTimeOffset now) =>
        SlotKey is not null && (Status is not (AppointmentStatus.PendingConfirmation or AppointmentStatus.Declined) || HoldExpiresAt > now);

    /// <summary>An unconfirmed hold (or a declined request) whose time is up gives its time back.</summary>
    public void Expire(DateTimeOffset now)
    {
        if (Status is not (AppointmentStatus.PendingConfirmation or AppointmentStatus.Declined) || HoldExpiresAt > now)
        {
            throw new RuleException("Only an unconfirmed booking past its hold can expire.");
        }

        if (Status == AppointmentStatus.PendingConfirmation)
        {
            Status = AppointmentStatus.Expired;
        }

        SlotKey = null;
        Version++;
    }

    public void MoveTo(Slot slot, string? room, string? videoLink, DateTimeOffset now)
    {
        RequireUpcoming(now, "moved");
        StaffId = slot.StaffId;
        Start = slot.Start;
        End = slot.End;
        Room = Kind == AppointmentKind.InPerson ? room : null;
        VideoLink = Kind == AppointmentKind.Video ? videoLink ?? VideoLink : null;
        SlotKey = KeyOf(slot.StaffId, slot.Start);
        ReminderQueuedAt = null;
        if (Status == AppointmentStatus.Confirmed)
        {
            // The move's email confirms the new time: a reminder is for a time confirmed before its window opened.
            ConfirmedAt = now;
        }

        Version++;
    }

    public void Cancel(string? reason, string by, DateTimeOffset now)
    {
        RequireUpcoming(now, "cancelled");
        reason = reason?.Trim();
        if (reason is { Length: > MaxReasonLength })
        {
            throw new RuleException($"The reason can be at most {MaxReasonLength} characters.");
        }

        Status = AppointmentStatus.Cancelled;
        CancelledAt = now;
        CancelledBy = by;
        CancelReason = string.IsNullOrEmpty(reason) ? null : reason;
        SlotKey = null;
        Version++;
    }

    /// <summary>
    /// Reception's "the student is here": at the desk, for an appointment today (London date, <see cref="Calendar.LondonTime"/>)
    /// that still holds its time. Pressed twice, or by two people at once, the first time stands.
    /// </summary>
    /// <param name="now">The current instant (UTC offset).</param>
    /// <exception cref="RuleException">Cancelled, not today, or attendance already recorded.</exception>
    public void MarkArrived(DateTimeOffset now)
    {
        if (Status == AppointmentStatus.Cancelled)
        {
            throw new RuleException("This appointment was cancelled, so the student cannot be marked as arrived. Book them again if they are to be seen.");
        }

        if (Calendar.LondonTime.Today(Start) != Calendar.LondonTime.Today(now))
        {
            throw new RuleException("Only today's appointments can be marked as arrived.");
        }

        if (ArrivedAt is not null)
        {
            return;
        }

        if (!HoldsTime)
        {
            throw new RuleException("Attendance is already recorded for this appointment; correct it in the diary if needed.");
        }

        ArrivedAt = now;
        Version++;
    }

    /// <summary>Undoes a mistaken "arrived" while the appointment still waits; nothing to undo is no change.</summary>
    /// <exception cref="RuleException">Attendance was already recorded (the diary corrects that).</exception>
    public void MarkNotArrived()
    {
        if (ArrivedAt is null)
        {
            return;
        }

        if (!HoldsTime)
        {
            throw new RuleException("Attendance is already recorded for this appointment; correct it in the diary if needed.");
        }

        ArrivedAt = null;
        Version++;
    }

    public void MarkAttended(DateTimeOffset now) => RecordAttendance(AppointmentStatus.Attended, now);

    public void MarkNoShow(DateTimeOffset now) => RecordAttendance(AppointmentStatus.NoShow, now);

    public void QueueReminder(DateTimeOffset now)
    {
        ReminderQueuedAt = now;
        Version++;
    }

    public bool ManageLinkValidAt(DateTimeOffset now) => now < End && Status is AppointmentStatus.PendingConfirmation or AppointmentStatus.Confirmed;

    private void RecordAttendance(AppointmentStatus status, DateTimeOffset now)
    {
        if (Status is not (AppointmentStatus.Confirmed or AppointmentStatus.Attended or AppointmentStatus.NoShow))
        {
            throw new RuleException("Attendance can be recorded only for a confirmed appointment.");
        }

        if (now < Start)
        {
            throw new RuleException("Attendance can be recorded once the appointment has started.");
        }

        Status = status;
        AttendanceRecordedAt = now;
        Version++;
    }

    private void RequireUpcoming(DateTimeOffset now, string what)
    {
        if (!HoldsTime)
        {
            throw new RuleException($"This appointment is {Status switch { AppointmentStatus.Cancelled => "cancelled", AppointmentStatus.Expired => "no longer held", _ => "over" }}, so it cannot be {what}.");
        }

        if (now >= Start)
        {
            throw new RuleException($"This appointment has started, so it cannot be {what}.");
        }
    }

    public void GiveFeedbackPermission(DateTimeOffset now) => FeedbackPermissionAt = now;

    public void LinkTo(Guid studentId, Guid? caseId)
    {
        StudentId = studentId;
        CaseId = caseId ?? CaseId;
        Version++;
    }

    /// <summary>A copy for a screen an information barrier covers: the time stays booked, who and why do not show.</summary>
    public Appointment Redacted(string hidden)
    {
        var copy = (Appointment)MemberwiseClone();
        (copy.StudentName, copy.StudentEmail, copy.StudentEmailKey, copy.StudentPhone, copy.Topic, copy.CancelReason, copy.VideoLink) = (hidden, "", "", null, hidden, null, null);
        return copy;
    }
}
