namespace DropIn.Domain.Appointments;

public enum AppointmentKind
{
    InPerson,
    Phone,
    Video,
}

public enum AppointmentStatus
{
    /// <summary>Held for the student until they follow the link in the confirmation email.</summary>
    PendingConfirmation,
    Confirmed,
    Cancelled,
    Attended,
    NoShow,

    /// <summary>Never confirmed; the time was released.</summary>
    Expired,

    /// <summary>
    /// Asked for online by a student who may not book online (withdrawn, at the limit): the time is held as long as an
    /// unconfirmed request's, so the public pages answer the same, and the student is emailed why. Never confirmed.
    /// </summary>
    Declined,
}
