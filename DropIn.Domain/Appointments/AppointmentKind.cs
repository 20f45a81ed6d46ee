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
}
