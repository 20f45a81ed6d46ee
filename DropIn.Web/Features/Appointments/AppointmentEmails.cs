using System.Globalization;
using System.Net;
using DropIn.Domain.Appointments;
using DropIn.Domain.Calendar;
using DropIn.Web.Messaging;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Features.Appointments;

/// <summary>
/// The emails a student gets about an appointment. Subjects name only the date and time, never the topic or the
/// service, so an inbox preview reveals nothing; the body says where and how, and carries the private link.
/// </summary>
public sealed class AppointmentEmails(IOptions<MailOptions> mail, IOptions<AppointmentOptions> options, TimeProvider clock)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public OutboxMessage ConfirmRequest(Appointment a, string token) => Build(a,
        $"Please confirm your appointment request for {When(a)}",
        [$"You asked for an appointment with the Student Advice Service on {When(a)} ({How(a)}).",
         $"To confirm it, open this link within {options.Value.ConfirmationHoldMinutes} minutes; until then the time is held for you:"],
        Link($"/book/confirm/{token}"), token, calendar: null);

    public OutboxMessage Confirmed(Appointment a, string token) => Build(a,
        $"Appointment confirmed: {When(a)}",
        [$"Your appointment with the Student Advice Service is confirmed for {When(a)}.", Where(a)],
        null, token, Ics(a, cancel: false));

    public OutboxMessage Reminder(Appointment a, string? token) => Build(a,
        $"Reminder: your appointment on {When(a)}",
        [$"This is a reminder of your appointment with the Student Advice Service on {When(a)}.", Where(a)],
        null, token, calendar: null);

    public OutboxMessage Moved(Appointment a, string? token) => Build(a,
        $"Appointment moved to {When(a)}",
        [$"Your appointment with the Student Advice Service has moved to {When(a)}.", Where(a)],
        null, token, Ics(a, cancel: false));

    public OutboxMessage Cancelled(Appointment a) => Build(a,
        $"Appointment cancelled: {When(a)}",
        [$"Your appointment with the Student Advice Service on {When(a)} has been cancelled.",
         "If you would still like to talk to us, you can book another time or come to a drop-in session."],
        Link("/book"), token: null, Ics(a, cancel: true));

    public static string When(Appointment a) => When(a.Start);

    public static string When(DateTimeOffset start) => LondonTime.ToLocal(start).ToString("dddd d MMMM 'at' HH:mm", English);

    private string How(Appointment a) => a.Kind switch
    {
        AppointmentKind.InPerson => "in person",
        AppointmentKind.Phone => "by phone",
        _ => "by video",
    };

    private string Where(Appointment a) => a.Kind switch
    {
        AppointmentKind.InPerson => $"Where: {options.Value.ServiceAddress}{(a.Room is null ? "" : $", {a.Room}")}.",
        AppointmentKind.Phone => $"We will call you on {a.StudentPhone}.",
        _ => $"Join the video call at {a.VideoLink}.",
    };

    private string Link(string path) => mail.Value.PublicBaseUrl.TrimEnd('/') + path;

    private OutboxMessage Build(Appointment a, string subject, string[] paragraphs, string? actionLink, string? token, string? calendar)
    {
        var lines = new List<string>(paragraphs);
        if (actionLink is not null)
        {
            lines.Add(actionLink);
        }

        if (token is not null)
        {
            lines.Add($"To change or cancel, use your private link (keep it to yourself): {Link($"/book/manage/{token}")}");
        }

        lines.Add($"Everything you tell us is confidential. {options.Value.ServiceContact}");
        var text = string.Join("\n\n", lines);
        var html = "<html><body style=\"font-family: sans-serif\">" + string.Concat(lines.Select(l => l.StartsWith("http", StringComparison.Ordinal)
            ? $"<p><a href=\"{WebUtility.HtmlEncode(l)}\">{WebUtility.HtmlEncode(l)}</a></p>"
            : $"<p>{WebUtility.HtmlEncode(l)}</p>")) + "</body></html>";
        return new OutboxMessage(a.StudentEmail, subject, text, html, calendar, clock.GetUtcNow());
    }

    /// <summary>An invitation (or its cancellation) with the appointment's id as UID, so calendars update in place.</summary>
    private string Ics(Appointment a, bool cancel)
    {
        var calendar = new Ical.Net.Calendar { Method = cancel ? "CANCEL" : "REQUEST" };
        calendar.Events.Add(new CalendarEvent
        {
            Uid = $"{a.Id:N}@dropin",
            Summary = "Appointment (Students' Union)",
            Description = $"Appointment with the Student Advice Service. {Where(a)}",
            Location = a.Kind == AppointmentKind.InPerson ? options.Value.ServiceAddress : a.Kind == AppointmentKind.Video ? a.VideoLink : "Phone call",
            DtStart = new CalDateTime(a.Start.UtcDateTime),
            DtEnd = new CalDateTime(a.End.UtcDateTime),
            Sequence = a.Version,
            Status = cancel ? "CANCELLED" : "CONFIRMED",
            Organizer = new Organizer($"mailto:{mail.Value.FromAddress}") { CommonName = mail.Value.FromName },
        });
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
