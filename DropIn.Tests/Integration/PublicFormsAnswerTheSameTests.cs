using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using DropIn.Domain.Cases;
using DropIn.Domain.Feedback;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Appointments;
using DropIn.Web.Features.Students;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

/// <summary>
/// Every public form answers a stranger the same whoever an email belongs to: the same status, address, page and
/// visible side effects for a student who uses the service (at the booking limit, withdrawn, registered) as for an
/// address we have never seen. Posted over HTTP as a browser would.
/// </summary>
public sealed partial class PublicFormsAnswerTheSameTests : IAsyncLifetime
{
    // Monday 23 November 2026, 08:00 London.
    private readonly FakeTimeProvider _clock = London.Clock(2026, 11, 23, 8, 0);
    private AppFactory _app = default!;
    private AppointmentHarness _h = default!;
    private ClaimsPrincipal _reception = default!;
    private ClaimsPrincipal _manager = default!;

    private const string Limited = "lim1@cam.ac.uk";
    private const string Withdrawn = "wd1@cam.ac.uk";
    private const string Unknown = "zz999@cam.ac.uk";

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock, settings: new Dictionary<string, string?> { ["DropIn:Appointments:PublicRequestsPerMinute"] = "10000" });
        _h = new AppointmentHarness(_app);
        await _h.CaseworkerAsync("Sam Okafor", new TimeOnly(10, 0), new TimeOnly(12, 0));
        _reception = await _app.StaffAsync("Rita Reception", Roles.Reception);
        _manager = await _app.StaffAsync("Morgan Manager", Roles.Manager);

        // One student at the booking limit (two upcoming holds), one whose service is withdrawn.
        await _h.StudentAsync(s => s.RequestAsync(At(26, 10), AppointmentHarness.Booking("Lim", Limited)));
        await _h.StudentAsync(s => s.RequestAsync(At(26, 11), AppointmentHarness.Booking("Lim", Limited)));
        var withdrawn = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(_reception, new StudentProfile("Wendy Drew", Email: Withdrawn)));
        await ConductHarness.WithdrawAsync(_app, _reception, _manager, withdrawn.Id, _clock.GetUtcNow());
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static DateTimeOffset At(int day, int hour) => London.At(2026, 11, day, hour, 0);

    [Fact]
    public async Task BookDetails_ATimeJustTaken_SamePageForAStudentAtTheLimit_AWithdrawnOne_AndAStranger()
    {
        await _h.StudentAsync(s => s.RequestAsync(At(25, 10), AppointmentHarness.Booking("Someone", "someone@cam.ac.uk")));
        var before = await _h.OutboxAsync();

        var stranger = await BookAsync(At(25, 10), Unknown);
        var limited = await BookAsync(At(25, 10), Limited);
        var withdrawn = await BookAsync(At(25, 10), Withdrawn);

        Assert.Equal(HttpStatusCode.OK, stranger.Status);
        Assert.Contains("Sorry, that time has just been taken", stranger.Page, StringComparison.Ordinal);
        Assert.Equal(stranger, limited);
        Assert.Equal(stranger, withdrawn);
        Assert.Equal(before.Count, (await _h.OutboxAsync()).Count);
    }

    [Fact]
    public async Task BookDetails_AFreeTime_SameRedirectEmailAndHeldTime_ForAStudentAtTheLimit_AWithdrawnOne_AndAStranger()
    {
        var cases = new[] { (Email: Unknown, Start: At(25, 10)), (Email: Limited, Start: At(25, 11)), (Email: Withdrawn, Start: At(27, 10)) };
        var answers = new List<Answer>();
        foreach (var (email, start) in cases)
        {
            var before = (await _h.OutboxAsync()).Count(m => m.To == email);
            var answer = await BookAsync(start, email);
            // Each asked for a different time; the rest of the answer must not differ.
            answers.Add(answer with { Page = answer.Page.Replace(AppointmentEmails.When(start), "(time)", StringComparison.Ordinal).Replace($"start={start.ToUnixTimeSeconds()}", "start=(time)", StringComparison.Ordinal) });

            // Visible to whoever typed the address: one email to it, and the time no longer offered to anyone.
            Assert.Equal(before + 1, (await _h.OutboxAsync()).Count(m => m.To == email));
            var day = DropIn.Domain.Calendar.LondonTime.Today(start);
            Assert.DoesNotContain(start, await _h.StudentAsync(s => s.FreeTimesAsync(day, day)));
        }

        Assert.Equal(HttpStatusCode.Redirect, answers[0].Status);
        Assert.EndsWith("/book/sent", answers[0].Location, StringComparison.Ordinal);
        Assert.All(answers, a => Assert.Equal(answers[0], a));
    }

    [Fact]
    public async Task Contact_SamePageAndNoEmail_ForARegisteredWithdrawnStudent_AndAStranger()
    {
        var stranger = await PostAsync("/contact", "contact", new() { ["Input.Name"] = "A Student", ["Input.Email"] = Unknown, ["Input.Summary"] = "My landlord kept my deposit." }, Unknown);
        var known = await PostAsync("/contact", "contact", new() { ["Input.Name"] = "A Student", ["Input.Email"] = Withdrawn, ["Input.Summary"] = "My landlord kept my deposit." }, Withdrawn);

        Assert.Equal(HttpStatusCode.OK, stranger.Status);
        Assert.Contains("Thank you, we have your message", stranger.Page, StringComparison.Ordinal);
        Assert.Equal(stranger, known);
        var outbox = await _h.OutboxAsync();
        Assert.DoesNotContain(outbox, m => m.To == Unknown || (m.To == Withdrawn && m.Subject.Contains("message", StringComparison.OrdinalIgnoreCase)));
        await using var db = await _h.DbAsync();
        Assert.Equal(2, await db.Enquiries.CountAsync());
    }

    [Fact]
    public async Task ForgotPassword_SamePage_ForAStaffAddressAndAStranger()
    {
        var staff = AppFactory.EmailOf("Rita Reception");

        var stranger = await PostAsync("/account/forgot-password", "forgot-password", new() { ["Input.Email"] = Unknown }, Unknown);
        var known = await PostAsync("/account/forgot-password", "forgot-password", new() { ["Input.Email"] = staff }, staff);

        Assert.Equal(HttpStatusCode.OK, stranger.Status);
        Assert.Contains("If that address belongs to a staff account", stranger.Page, StringComparison.Ordinal);
        Assert.Equal(stranger, known);
    }

    [Fact]
    public async Task FeedbackOptOut_SamePage_ForAWorkingLinkAndAMadeUpOne()
    {
        var student = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(_reception, new StudentProfile("Ada Lovelace", Email: "al123@cam.ac.uk")));
        var (token, hash) = ManageToken.Create();
        await using (var db = await _h.DbAsync())
        {
            db.FeedbackInvitations.Add(FeedbackInvitation.Create(InvitationKind.Feedback, student.Id, null, hash, null, StudentStatus.Current, default, _clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        var working = await PostAsync($"/feedback/opt-out/{token}", "opt-out", new(), token);
        var madeUp = await PostAsync($"/feedback/opt-out/{ManageToken.Create().Token}", "opt-out", new(), null);

        Assert.Equal(HttpStatusCode.OK, working.Status);
        Assert.Contains("You will not get these emails again", working.Page, StringComparison.Ordinal);
        Assert.Equal(working with { Page = Regex.Replace(working.Page, "/feedback/opt-out/[A-Za-z0-9_-]+", "") }, madeUp with { Page = Regex.Replace(madeUp.Page, "/feedback/opt-out/[A-Za-z0-9_-]+", "") });
    }

    /// <summary>What a visitor sees of an answer: status, where it sends them, and the page less its one-off parts.</summary>
    private sealed record Answer(HttpStatusCode Status, string? Location, string Page);

    private Task<Answer> BookAsync(DateTimeOffset start, string email)
    {
        // The topic is sent both ways so the test speaks to the page before and after it left the address.
        var path = $"/book/details?topic=Housing&kind=InPerson&start={start.ToUnixTimeSeconds()}";
        return PostAsync(path, "book", new() { ["Input.Name"] = "A Student", ["Input.Email"] = email, ["Input.Topic"] = "Housing" }, email);
    }

    private async Task<Answer> PostAsync(string path, string form, Dictionary<string, string> fields, string? echoed)
    {
        using var client = StaffBrowserClient.Anonymous(_app);
        var response = await StaffBrowserClient.PostFormAsync(client, path, form, fields);
        var page = await response.Content.ReadAsStringAsync();
        page = ComponentState().Replace(AntiforgeryValue().Replace(page, ""), "");
        if (echoed is not null)
        {
            page = page.Replace(echoed, "(typed)", StringComparison.Ordinal);
        }

        return new Answer(response.StatusCode, response.Headers.Location?.OriginalString, page);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"[^\"]+\"")]
    private static partial Regex AntiforgeryValue();

    /// <summary>Blazor's protected state and redirect address differ on every response (encrypted afresh), whoever asked.</summary>
    [GeneratedRegex("<!--Blazor-Server-Component-State:[^>]*-->|opaque-redirect\\?url=[^<\"]*")]
    private static partial Regex ComponentState();
}
