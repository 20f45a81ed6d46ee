using System.Security.Claims;
using DropIn.Domain.Appointments;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Security;
using Ical.Net.CalendarComponents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace DropIn.Tests.Integration;

/// <summary>
/// The calendar invitations an appointment sends, as a calendar client receives them: each .eml parsed with MimeKit
/// and each .ics with Ical.Net, checked against RFC 5546 (iTIP) and RFC 6047 (iMIP).
/// </summary>
public sealed class CalendarMessageTests : IAsyncLifetime
{
    private const string Student = "al123@cam.ac.uk";
    private const string Topic = "Academic appeal";
    private readonly FakeTimeProvider _clock = London.Clock(2026, 11, 23, 9, 0);
    private readonly DateTimeOffset _wednesdayTen = London.At(2026, 11, 25, 10, 0);
    private AppFactory _app = default!;
    private AppointmentHarness _h = default!;
    private ClaimsPrincipal _reception = default!;

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock);
        _h = new AppointmentHarness(_app);
        await _h.CaseworkerAsync("Sam Okafor", new TimeOnly(9, 0), new TimeOnly(17, 0));
        _reception = await _app.StaffAsync("Rita Reception", Roles.Reception);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A student books, confirms, is moved, then cancels: three calendar messages about one event.</summary>
    private async Task<List<MimeMessage>> LifecycleAsync(AppointmentKind kind)
    {
        await _h.StudentAsync(s => s.RequestAsync(_wednesdayTen, AppointmentHarness.Booking(kind: kind, topic: Topic)));
        _clock.Advance(TimeSpan.FromMinutes(2));
        await _h.StudentAsync(async s => await s.ConfirmAsync(await _h.TokenFromEmailAsync(Student)));
        var appointment = Assert.Single(await _h.AppointmentsAsync());
        _clock.Advance(TimeSpan.FromMinutes(2));
        var later = _wednesdayTen.AddHours(3);
        await _h.DiaryAsync(d => d.MoveAsync(_reception, appointment.Id, new Slot(appointment.StaffId, later, later.AddMinutes(45))));
        _clock.Advance(TimeSpan.FromMinutes(2));
        await _h.StudentAsync(async s => await s.CancelAsync(await _h.TokenFromEmailAsync(Student, "manage"), "Sorted it out"));
        return await SentMail.DispatchAsync(_app);
    }

    private static MimeMessage Titled(List<MimeMessage> mail, string subjectStart) =>
        mail.Single(m => (m.Subject ?? "").StartsWith(subjectStart, StringComparison.Ordinal));

    private static CalendarEvent Event(MimeMessage message, string method)
    {
        var (header, text) = SentMail.Calendar(message) ?? throw new Xunit.Sdk.XunitException($"\"{message.Subject}\" has no calendar");
        var calendar = Ical.Net.Calendar.Load(text)!;
        // RFC 6047 2.4: the MIME method parameter and the iCalendar METHOD must be the same.
        Assert.Equal(calendar.Method, header);
        Assert.Equal(method, calendar.Method);
        Assert.Contains("SEQUENCE:", text, StringComparison.Ordinal);
        var e = Assert.Single(calendar.Events);
        // RFC 5546 3.2.2 (REQUEST) and 3.2.5 (CANCEL): ORGANIZER, ATTENDEE, DTSTAMP, DTSTART, UID, SEQUENCE.
        Assert.NotNull(e.Organizer);
        Assert.Equal($"mailto:{Student}", Assert.Single(e.Attendees).Value!.ToString());
        Assert.NotNull(e.DtStamp);
        Assert.NotNull(e.DtStart);
        Assert.False(string.IsNullOrEmpty(e.Uid));
        return e;
    }

    [Fact]
    public async Task Invitation_MoveAndCancellation_AreOneEventByRfc5546_WithTheMethodInTheHeaderAsInTheFile()
    {
        var mail = await LifecycleAsync(AppointmentKind.InPerson);

        var invitation = Event(Titled(mail, "Appointment confirmed"), "REQUEST");
        var moved = Event(Titled(mail, "Appointment moved"), "REQUEST");
        var cancelled = Event(Titled(mail, "Appointment cancelled"), "CANCEL");

        Assert.Equal(invitation.Uid, moved.Uid);
        Assert.Equal(invitation.Uid, cancelled.Uid);
        Assert.True(moved.Sequence > invitation.Sequence);
        Assert.True(cancelled.Sequence > moved.Sequence);
        Assert.Equal("CONFIRMED", invitation.Status);
        Assert.Equal("CANCELLED", cancelled.Status);
        Assert.Equal(_wednesdayTen.AddHours(3).UtcDateTime, moved.DtStart!.AsUtc);
        Assert.Null(SentMail.Calendar(Titled(mail, "Please confirm")));
    }

    [Theory]
    [InlineData(AppointmentKind.InPerson, "17 Mill Lane, Cambridge CB2 1RX")]
    [InlineData(AppointmentKind.Phone, "Phone")]
    [InlineData(AppointmentKind.Video, "Online")]
    public async Task CalendarEvents_NameNeitherTheServiceNorTheTopic_AndArePrivate(AppointmentKind kind, string location)
    {
        var mail = await LifecycleAsync(kind);

        var events = mail.Where(m => SentMail.Calendar(m) is not null)
            .Select(m => Ical.Net.Calendar.Load(SentMail.Calendar(m)!.Value.Text)!.Events.Single()).ToList();
        Assert.Equal(3, events.Count);
        Assert.All(events, e =>
        {
            Assert.Equal(location, e.Location);
            Assert.Equal("PRIVATE", e.Class);
            foreach (var text in new[] { e.Summary, e.Description, e.Location })
            {
                Assert.DoesNotContain("Advice", text ?? "", StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(Topic, text ?? "", StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("07700", text ?? "", StringComparison.Ordinal);
            }
        });
    }

    [Fact]
    public async Task CancellingAnUnconfirmedHold_SendsNoCalendarCancel_ForAnInvitationNeverSent()
    {
        await _h.StudentAsync(s => s.RequestAsync(_wednesdayTen, AppointmentHarness.Booking()));
        await _h.StudentAsync(async s => await s.CancelAsync(await _h.TokenFromEmailAsync(Student), null));

        var mail = await SentMail.DispatchAsync(_app);

        Assert.Equal(2, mail.Count);
        Assert.All(mail, m => Assert.Null(SentMail.Calendar(m)));
    }

    [Fact]
    public async Task AppointmentEmails_HaveATextPart_AndEveryLinkIsALinkInTheHtml()
    {
        var mail = await LifecycleAsync(AppointmentKind.Video);
        await using (var db = await _h.DbAsync())
        {
            // The reminder too: the job is tested elsewhere; here only its shape.
            var reminded = await db.Appointments.SingleAsync();
            db.Outbox.Add(_app.Services.GetRequiredService<Web.Features.Appointments.AppointmentEmails>().Reminder(reminded, token: null));
            await db.SaveChangesAsync();
        }

        mail = await SentMail.DispatchAsync(_app);

        Assert.Equal(5, mail.Count);
        Assert.All(mail, SentMail.AssertWellFormed);
        var confirmed = Titled(mail, "Appointment confirmed");
        Assert.Matches("<a href=\"http://localhost:5260/book/manage/[A-Za-z0-9_-]+\">", confirmed.HtmlBody ?? "");
        Assert.Matches("<a href=\"https://video.example.ac.uk/advice/[0-9a-f]+\">", confirmed.HtmlBody ?? "");
    }
}
