using DropIn.Domain.Appointments;
using DropIn.Web.Components.Shared;
using MudBlazor;

namespace DropIn.Web.Features.Appointments.Diary;

public static class AppointmentText
{
    public static string Status(AppointmentStatus status) => status switch
    {
        AppointmentStatus.PendingConfirmation => "Awaiting confirmation",
        AppointmentStatus.Confirmed => "Confirmed",
        AppointmentStatus.Cancelled => "Cancelled",
        AppointmentStatus.Attended => "Attended",
        AppointmentStatus.NoShow => "No-show",
        AppointmentStatus.Declined => "Declined online (told by email)",
        _ => "Released",
    };

    /// <summary>Where an appointment stands on the day, for reception's "Today" list: expected, arrived (London time), or as the diary says.</summary>
    public static string OnTheDay(Appointment appointment) => appointment switch
    {
        { HoldsTime: true, ArrivedAt: { } at } => $"Arrived at {Clock.Local(at)}",
        { Status: AppointmentStatus.Confirmed } => "Expected",
        { Status: AppointmentStatus.PendingConfirmation } => "Expected (not confirmed by the student)",
        _ => Status(appointment.Status),
    };

    public static Color StatusColor(AppointmentStatus status) => status switch
    {
        AppointmentStatus.Confirmed => Color.Primary,
        AppointmentStatus.Attended => Color.Success,
        AppointmentStatus.NoShow => Color.Error,
        AppointmentStatus.Cancelled => Color.Dark,
        _ => Color.Default,
    };

    public static string KindIcon(AppointmentKind kind) => kind switch
    {
        AppointmentKind.InPerson => Icons.Material.Filled.MeetingRoom,
        AppointmentKind.Phone => Icons.Material.Filled.Phone,
        _ => Icons.Material.Filled.Videocam,
    };

    public static string Kind(AppointmentKind kind) => kind switch
    {
        AppointmentKind.InPerson => "In person",
        AppointmentKind.Phone => "Phone",
        _ => "Video",
    };
}
