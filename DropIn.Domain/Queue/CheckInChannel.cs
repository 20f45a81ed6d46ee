namespace DropIn.Domain.Queue;

/// <summary>Where a student checked in to the drop-in queue. Stored as its number: add new ones at the end.</summary>
public enum CheckInChannel
{
    /// <summary>At reception, by a member of staff.</summary>
    Desk = 0,

    /// <summary>On the student's own phone, at /dropin.</summary>
    Phone = 1,

    /// <summary>On the reception kiosk, by the student; they are here.</summary>
    Kiosk = 2,
}
