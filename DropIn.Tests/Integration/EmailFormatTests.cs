using System.Security.Claims;
using DropIn.Domain.Cases;
using DropIn.Domain.Conduct;
using DropIn.Domain.Feedback;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Conduct;
using DropIn.Web.Features.Feedback;
using DropIn.Web.Features.Students;
using DropIn.Web.Messaging;
using DropIn.Web.Security;
using DropIn.Web.Security.TwoFactor;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DropIn.Tests.Integration;

/// <summary>
/// Every kind of email the app sends other than the appointment ones (<see cref="CalendarMessageTests"/>), sent
/// through the real dispatcher and parsed back with MimeKit: a text part, real links in the HTML, and a subject and
/// sender that do not say who the student has been talking to.
/// </summary>
public sealed class EmailFormatTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = London.Clock(2026, 11, 23, 9, 0);
    private AppFactory _app = default!;
    private ClaimsPrincipal _manager = default!;

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock);
        _manager = await _app.StaffAsync("Morgan Manager", Roles.Manager);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task ConductLetter_IsWellFormed_UnderASubjectThatNamesNoService()
    {
        var reception = await _app.StaffAsync("Rita Reception", Roles.Reception);
        var ada = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(reception, new StudentProfile("Ada Lovelace", Email: "al123@cam.ac.uk")));
        await _app.UseAsync<ConductService, ConductIncident>(c => c.RecordIncidentAsync(reception, ada.Id, IncidentKind.AggressiveLanguage, _clock.GetUtcNow().AddMinutes(-30), "Shouted at the desk."));
        var letter = await _app.UseAsync<ConductService, string>(c => c.DraftWarningAsync(_manager, ada.Id, IncidentKind.AggressiveLanguage));
        // A letter may name a website, e.g. another source of advice: it must be a link in the HTML part.
        letter += "\n\nCitizens Advice: https://www.citizensadvice.org.uk/.";
        await _app.UseAsync<ConductService, ConductWarning>(c => c.IssueWarningAsync(_manager, ada.Id, IncidentKind.AggressiveLanguage, letter, LetterDelivery.Email));

        var mail = Assert.Single(await SentMail.DispatchAsync(_app));

        SentMail.AssertWellFormed(mail);
        Assert.Contains("<a href=\"https://www.citizensadvice.org.uk/\">", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(InvitationKind.Feedback)]
    [InlineData(InvitationKind.Impact)]
    public async Task FeedbackInvitation_IsWellFormed_WithTheFormAndTheOptOutAsLinks(InvitationKind kind)
    {
        var emails = _app.Services.GetRequiredService<FeedbackEmails>();
        await _app.UseAsync<Web.Data.DropInDbContext>(async db =>
        {
            db.Outbox.Add(emails.Invitation(kind, "al123@cam.ac.uk", "token123", _clock.GetUtcNow()));
            await db.SaveChangesAsync();
        });

        var mail = Assert.Single(await SentMail.DispatchAsync(_app));

        SentMail.AssertWellFormed(mail);
        Assert.Contains("/opt-out/token123\">Stop these emails</a>", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordReset_IsWellFormed()
    {
        await _app.UseAsync<PasswordReset>(r => r.RequestAsync(AppFactory.EmailOf("Morgan Manager")));

        var mail = Assert.Single(await SentMail.DispatchAsync(_app));

        SentMail.AssertWellFormed(mail);
        Assert.Contains(">Choose a new password</a>", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffAlert_IsWellFormed()
    {
        var mailOptions = _app.Services.GetRequiredService<IOptions<MailOptions>>().Value;
        await _app.UseAsync<Web.Data.DropInDbContext>(async db =>
        {
            var alerts = await StaffAlerts.ForAsync(db, mailOptions, _clock.GetUtcNow(), CancellationToken.None);
            alerts.Send([_manager.FindFirstValue(ClaimTypes.NameIdentifier)!], "Case C0001: deadline reminder", "Case C0001 has a deadline today.", "/cases/00000000-0000-0000-0000-000000000001", "Open the case");
            await db.SaveChangesAsync();
        });

        var mail = Assert.Single(await SentMail.DispatchAsync(_app));

        SentMail.AssertWellFormed(mail);
        Assert.Contains(">Open the case</a>", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BookingRefusal_IsWellFormed()
    {
        var h = new AppointmentHarness(_app);
        await h.CaseworkerAsync("Sam Okafor", new TimeOnly(9, 0), new TimeOnly(17, 0));
        var wednesday = London.At(2026, 11, 25, 9, 0);
        for (var i = 0; i < 3; i++)
        {
            await h.StudentAsync(s => s.RequestAsync(wednesday.AddHours(i), AppointmentHarness.Booking()));
        }

        var mail = await SentMail.DispatchAsync(_app);

        Assert.Equal(3, mail.Count);
        Assert.All(mail, SentMail.AssertWellFormed);
    }
}
