using System.Globalization;
using DropIn.Domain.Appointments;

namespace DropIn.Web.Features.Appointments.Booking;

/// <summary>
/// The addresses of the booking steps; times travel as Unix seconds so links stay short and exact. An address carries
/// only how to meet and when: never the topic or anything about the student, since addresses stay in browser history
/// and proxy logs. The topic is asked on the last step's form, which is posted.
/// </summary>
public static class BookingLinks
{
    public const string RateLimitPolicy = "public-forms";

    public static string Times(AppointmentKind kind, int week = 0) => $"/book/times?kind={kind}&week={week}";

    public static string Details(AppointmentKind kind, DateTimeOffset start) =>
        $"/book/details?kind={kind}&start={start.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";

    public static DateTimeOffset? Start(long? unixSeconds) =>
        unixSeconds is { } s && s > 0 && s < 32503680000 ? DateTimeOffset.FromUnixTimeSeconds(s) : null;

    public static string KindText(AppointmentKind kind) => kind switch
    {
        AppointmentKind.InPerson => "In person",
        AppointmentKind.Phone => "By phone",
        _ => "By video call",
    };
}
