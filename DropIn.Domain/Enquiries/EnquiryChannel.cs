namespace DropIn.Domain.Enquiries;

public enum EnquiryChannel
{
    Email,
    Phone,
    Letter,
    WebForm,
    InPerson,
}

/// <summary>Where an enquiry ended up once acknowledged.</summary>
public enum EnquiryOutcome
{
    AppointmentBooked,
    CaseOpened,
    Closed,
}

/// <summary>How an acknowledgement was given.</summary>
public enum AcknowledgementMethod
{
    Email,
    Phone,
    Letter,
    InPerson,
}

/// <summary>Where an open enquiry stands against the acknowledgement promise at a moment.</summary>
public enum SlaState
{
    OnTrack,
    DueToday,
    Overdue,
    Breached,
    Acknowledged,
}
