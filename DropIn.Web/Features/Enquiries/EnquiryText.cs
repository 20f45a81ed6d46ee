using DropIn.Domain.Enquiries;
using MudBlazor;

namespace DropIn.Web.Features.Enquiries;

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
        _ => channel.ToString(),
    };
}
