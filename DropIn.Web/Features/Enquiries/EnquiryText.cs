using DropIn.Domain.Enquiries;
using MudBlazor;

namespace DropIn.Web.Features.Enquiries;

/// <summary>The words for enquiry values on screens and in notifications: one place, so no raw value (e.g. "InPerson") shows.</summary>
public static class EnquiryText
{
    public static string State(SlaState state) => state switch
    {
        SlaState.DueToday => "Due today",
        SlaState.Overdue => "Overdue",
        SlaState.Breached => "Breached",
        SlaState.Acknowledged => "Acknowledged",
        _ => "On track",
    };

    public static Color StateColor(SlaState state) => state switch
    {
        SlaState.DueToday => Color.Warning,
        SlaState.Overdue => Color.Secondary,
        SlaState.Breached => Color.Error,
        _ => Color.Success,
    };

    public static string Channel(EnquiryChannel channel) => channel switch
    {
        EnquiryChannel.WebForm => "Web form",
        EnquiryChannel.InPerson => "In person",
        EnquiryChannel.Phone => "Phone",
        EnquiryChannel.Email => "Email",
        _ => "Letter",
    };

    /// <summary>How it was acknowledged, to follow "Acknowledged": "by email", "in person".</summary>
    public static string AcknowledgedHow(AcknowledgementMethod how) => how switch
    {
        AcknowledgementMethod.Email => "by email",
        AcknowledgementMethod.Phone => "by phone",
        AcknowledgementMethod.Letter => "by letter",
        _ => "in person",
    };

    public static string Outcome(EnquiryOutcome outcome) => outcome switch
    {
        EnquiryOutcome.AppointmentBooked => "Appointment booked",
        EnquiryOutcome.CaseOpened => "Case opened",
        _ => "Closed",
    };
}
