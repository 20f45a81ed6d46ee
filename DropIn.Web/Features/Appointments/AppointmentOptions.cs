using System.ComponentModel.DataAnnotations;
using DropIn.Domain.Appointments;

namespace DropIn.Web.Features.Appointments;

/// <summary>Section DropIn:Appointments: the booking rules and what students see.</summary>
public sealed class AppointmentOptions
{
    public const string Section = "DropIn:Appointments";

    [Range(10, 180)] public int LengthMinutes { get; init; } = 45;
    [Range(0, 60)] public int BufferMinutes { get; init; } = 15;
    [Range(0, 80)] public int EarliestNoticeWorkingHours { get; init; } = 2;
    [Range(1, 365)] public int FurthestAheadDays { get; init; } = 28;
    [Range(1, 20)] public int MaxFutureBookingsPerStudent { get; init; } = 2;
    [Range(5, 1440)] public int ConfirmationHoldMinutes { get; init; } = 30;
    [Range(1, 168)] public int ReminderHoursBefore { get; init; } = 24;

    /// <summary>Missed appointments after which the student is flagged for a warning (code of practice: withdrawal after warnings).</summary>
    [Range(1, 20)] public int NoShowsBeforeWarning { get; init; } = 2;

    /// <summary>Students must book with an address in one of these domains; empty allows any.</summary>
    public List<string> StudentEmailDomains { get; init; } = [];

    /// <summary>{0} is replaced with a random meeting id.</summary>
    public string VideoLinkTemplate { get; init; } = "https://video.example.ac.uk/advice/{0}";

    /// <summary>Shown to a student who cannot book online, and in every email.</summary>
    public string ServiceContact { get; init; } = "Student Advice Service, 17 Mill Lane, Cambridge CB2 1RX · advice@example.ac.uk · 01223 000000";

    /// <summary>Where an in-person appointment is, in the email (which only the student reads).</summary>
    public string ServiceAddress { get; init; } = "Student Advice Service, Cambridge SU, 17 Mill Lane, Cambridge CB2 1RX";

    /// <summary>
    /// The LOCATION of an in-person appointment in the calendar invitation. Others who share a student's calendar may
    /// see it, so it is a plain address that names neither the service nor its rooms.
    /// </summary>
    [Required] public string CalendarLocation { get; init; } = "17 Mill Lane, Cambridge CB2 1RX";

    public string NewVideoLink() => string.Format(System.Globalization.CultureInfo.InvariantCulture, VideoLinkTemplate, Guid.NewGuid().ToString("N")[..12]);

    public IReadOnlyList<string> Domains() => StudentEmailDomains.Count == 0 ? ["cam.ac.uk"] : StudentEmailDomains;

    public BookingRules Rules() => new(
        TimeSpan.FromMinutes(LengthMinutes),
        TimeSpan.FromMinutes(BufferMinutes),
        TimeSpan.FromHours(EarliestNoticeWorkingHours),
        TimeSpan.FromDays(FurthestAheadDays),
        MaxFutureBookingsPerStudent,
        TimeSpan.FromMinutes(ConfirmationHoldMinutes));
}
