using System.Globalization;
using DropIn.Domain.Appointments;

namespace DropIn.Web.Features.Booking;

/// <summary>The addresses of the booking steps; times travel as Unix seconds so links stay short and exact.</summary>
public static class BookingLinks
{
    public const string RateLimitPolicy = "public-forms";

    public static string Times(string topic, AppointmentKind kind, int week = 0) =>
        $"/book/times?topic={Uri.EscapeDataString(topic)}&kind={kind}&week={week}";

    public static string Details(string topic, AppointmentKind kind, DateTimeOffset start) =>
        $"/book/details?topic={Uri.EscapeDataString(topic)}&kind={kind}&start={start.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";

    public static DateTimeOffset? Start(long? unixSeconds) =>
        unixSeconds is { } s && s > 0 && s < 32503680000 ? DateTimeOffset.FromUnixTimeSeconds(s) : null;

    public static string KindText(AppointmentKind kind) => kind switch
    {
        AppointmentKind.InPerson => "In person",
        AppointmentKind.Phone => "By phone",
        _ => "By video call",
    };
}
