using DropIn.Domain.Enquiries;

namespace DropIn.Domain.Feedback;

/// <summary>One way a student came to the service: an enquiry, a drop-in visit, a booking, or registration.</summary>
public sealed record Contact(DateTimeOffset At, EnquiryChannel? Channel);

/// <summary>The student's initial experience of the service: the earliest contact we hold for them.</summary>
public static class FirstContact
{
    /// <returns>The earliest contact; among contacts at the same instant, one whose channel is known.</returns>
    public static Contact? Of(IEnumerable<Contact> contacts) =>
        contacts.OrderBy(c => c.At).ThenBy(c => c.Channel is null).FirstOrDefault();
}
