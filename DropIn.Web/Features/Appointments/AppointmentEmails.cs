using System.Globalization;
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
        new EmailBody()
            .Paragraph($"You asked for an appointment with the Student Advice Service on {When(a)} ({How(a)}).")
            .Paragraph($"To confirm it, open this link within {options.Value.ConfirmationHoldMinutes} minutes; until then the time is held for you.")
            .Link("Confirm my appointment", Link($"/book/confirm/{token}")),
        token, calendar: null);

    public OutboxMessage Confirmed(Appointment a, string token) => Build(a,
        $"Appointment confirmed: {When(a)}",
        new EmailBody()
            .Paragraph($"Your appointment with the Student Advice Service is confirmed for {When(a)}.")
            .Paragraph(Where(a)),
        token, Ics(a, cancel: false));

    public OutboxMessage Reminder(Appointment a, string? token) => Build(a,
        $"Reminder: your appointment on {When(a)}",
        new EmailBody()
            .Paragraph($"This is a reminder of your appointment with the Student Advice Service on {When(a)}.")
            .Paragraph(Where(a)),
        token, calendar: null);

    public OutboxMessage Moved(Appointment a, string? token) => Build(a,
        $"Appointment moved to {When(a)}",
        new EmailBody()
            .Paragraph($"Your appointment with the Student Advice Service has moved to {When(a)}.")
            .Paragraph(Where(a)),
        token, Ics(a, cancel: false));

    /// <summary>The cancellation; it carries a calendar CANCEL only if an invitation was sent (the appointment had been confirmed).</summary>
    public OutboxMessage Cancelled(Appointment a) => Build(a,
        $"Appointment cancelled: {When(a)}",
        new EmailBody()
            .Paragraph($"Your appointment with the Student Advice Service on {When(a)} has been cancelled.")
            .Paragraph("If you would still like to talk to us, you can book another time or come to a drop-in session.")
            .Link("Book another time", Link("/book")),
        token: null, a.ConfirmedAt is null ? null : Ics(a, cancel: true));

    public static string When(Appointment a) => When(a.Start);

    public static string When(DateTimeOffset start) => LondonTime.ToLocal(start).ToString("dddd d MMMM 'at' HH:mm", English);

    private static string How(Appointment a) => a.Kind switch
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

    private string Link(string path) => mail.Value.Link(path);

    private OutboxMessage Build(Appointment a, string subject, EmailBody body, string? token, string? calendar)
    {
        if (token is not null)
        {
            body.Paragraph("To change or cancel, use your private link (keep it to yourself):")
                .Link("Change or cancel my appointment", Link($"/book/manage/{token}"));
        }

        body.Paragraph($"Everything you tell us is confidential. {options.Value.ServiceContact}");
        return new OutboxMessage(a.StudentEmail, subject, body, calendar, clock.GetUtcNow());
    }

    /// <summary>
    /// An iTIP invitation (RFC 5546 REQUEST: ORGANIZER, the student as ATTENDEE) or its cancellation (CANCEL: the same
    /// UID, a higher SEQUENCE, STATUS:CANCELLED). The appointment's version is the SEQUENCE, so every later message
    /// outranks the one before. A calendar event may be seen by others who share the calendar, so it is marked
    /// private and names neither the service nor the topic: LOCATION is a plain address, "Phone" or "Online", and
    /// the details stay in the email.
    /// </summary>
    private string Ics(Appointment a, bool cancel)
    {
        var calendar = new Ical.Net.Calendar
        {
            ProductId = "-//DropIn//Appointments//EN",
            Method = cancel ? CalendarMethods.Cancel : CalendarMethods.Request,
        };
        calendar.Events.Add(new CalendarEvent
        {
            Uid = $"{a.Id:N}@dropin",
            DtStamp = new CalDateTime(clock.GetUtcNow().UtcDateTime),
            Summary = "Appointment (Students' Union)",
            Description = cancel ? "This appointment has been cancelled." : "The details are in your confirmation email.",
            Location = a.Kind switch
            {
                AppointmentKind.InPerson => options.Value.CalendarLocation,
                AppointmentKind.Phone => "Phone",
                _ => "Online",
            },
            Class = "PRIVATE",
            DtStart = new CalDateTime(a.Start.UtcDateTime),
            DtEnd = new CalDateTime(a.End.UtcDateTime),
            Sequence = a.Version,
            Status = cancel ? EventStatus.Cancelled : EventStatus.Confirmed,
            Organizer = new Organizer($"mailto:{mail.Value.FromAddress}") { CommonName = mail.Value.FromName },
            Attendees =
            [
                new Attendee($"mailto:{a.StudentEmail}")
                {
                    Role = ParticipationRole.RequiredParticipant,
                    // The student asked for this time and confirmed it: nothing to answer.
                    ParticipationStatus = EventParticipationStatus.Accepted,
                    Rsvp = false,
                },
            ],
        });
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
