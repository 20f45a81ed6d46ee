using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using DropIn.Domain;
using DropIn.Domain.Cases;
using DropIn.Domain.Queue;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Queue.Kiosk;
using DropIn.Web.Features.Queue.Online;
using DropIn.Web.Features.Students;
using DropIn.Web.Messaging;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

/// <summary>
/// The reception kiosk over HTTP, as its tablet uses it: a manager adds it, the tablet types the code and keeps a token
/// of its own, students check themselves in (a ticket, marked here, with the private link to follow it), and a revoked
/// tablet checks nobody in.
/// </summary>
public sealed partial class KioskTests : IAsyncLifetime
{
    // Tuesday 24 November 2026, 12:05 London: the drop-in (12:00-14:00) is open.
    private readonly FakeTimeProvider _clock = London.Clock(2026, 11, 24, 12, 5);
    private AppFactory _app = default!;
    private QueueHarness _queue = default!;
    private ClaimsPrincipal _manager = default!;
    private ClaimsPrincipal _reception = default!;

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock, settings: new Dictionary<string, string?> { ["DropIn:Appointments:PublicRequestsPerMinute"] = "10000" });
        _queue = new QueueHarness(_app);
        _manager = await _queue.ManagerAsync();
        _reception = await _queue.ReceptionAsync();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AManagerAddsAKiosk_TheTabletTypesTheCode_AndAStudentChecksIn_HereAndFollowingOnTheirPhone()
    {
        var code = await _app.UseAsync<KioskDevices, string>(k => k.AddAsync(_manager, "Reception tablet"));
        using var tablet = StaffBrowserClient.Anonymous(_app);
        Assert.Contains("Set up this tablet as a check-in kiosk", await tablet.GetStringAsync(KioskPaths.Kiosk), StringComparison.Ordinal);

        // Typed as people type codes: lower case, the dash left out, a space in the middle.
        var enrolled = await EnrolAsync(tablet, code.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant());
        Assert.Equal(HttpStatusCode.Redirect, enrolled.StatusCode);
        var page = await CheckInAsync(tablet, "ab123@cam.ac.uk");

        Assert.Contains("Your ticket is", page, StringComparison.Ordinal);
        Assert.Contains(">A01<", page, StringComparison.Ordinal);
        Assert.Contains("<svg", page, StringComparison.Ordinal); // the QR code to follow it
        var ticket = Assert.Single((await _queue.ViewAsync(_reception)).Waiting).Ticket;
        Assert.Equal(CheckInChannel.Kiosk, ticket.Channel); // reception and the Today list say "Checked in at the kiosk"
        Assert.NotNull(ticket.HereAt); // at the desk, so here
        Assert.Equal("Ada", ticket.Name);
        var mail = Assert.Single(await MailAsync("ab123@cam.ac.uk"));
        Assert.Contains("A01", mail.TextBody, StringComparison.Ordinal);
        using var phone = StaffBrowserClient.Anonymous(_app);
        var status = await phone.GetStringAsync(OnlineQueuePaths.Status(Link().Match(mail.TextBody).Groups[1].Value));
        Assert.Contains("A01", status, StringComparison.Ordinal);
        Assert.Contains("You are next", status, StringComparison.Ordinal);
        Assert.NotNull((await KiosksAsync()).Single().LastCheckInAt);
    }

    [Fact]
    public async Task ARevokedKiosk_ChecksNobodyIn_AndAsksToBeSetUpAgain()
    {
        using var tablet = await EnrolledTabletAsync();
        Assert.Contains(">A01<", await CheckInAsync(tablet, "first@cam.ac.uk"), StringComparison.Ordinal);

        var id = (await KiosksAsync()).Single().Id;
        await _app.UseAsync<KioskDevices>(k => k.RevokeAsync(_manager, id));
        var page = await CheckInAsync(tablet, "second@cam.ac.uk"); // the form was still on its screen

        Assert.Contains("no longer set up as a check-in kiosk", page, StringComparison.Ordinal);
        Assert.Single((await _queue.ViewAsync(_reception)).Waiting);
        Assert.Empty(await MailAsync("second@cam.ac.uk"));
        Assert.Contains("Set up this tablet as a check-in kiosk", await tablet.GetStringAsync(KioskPaths.Kiosk), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWithdrawnStudent_AndOneAlreadyInTheQueue_AreSentToReception_InTheSameWords_AndNothingIsStored()
    {
        var withdrawn = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(_reception, new StudentProfile("Wendy Drew", Email: "wd1@cam.ac.uk")));
        await ConductHarness.WithdrawAsync(_app, _reception, _manager, withdrawn.Id, _clock.GetUtcNow());
        using var tablet = await EnrolledTabletAsync();
        await CheckInAsync(tablet, "in1@cam.ac.uk");
        var mailBefore = await MailAsync("");

        var withdrawnPage = await CheckInAsync(tablet, "wd1@cam.ac.uk");
        var alreadyPage = await CheckInAsync(tablet, "IN1+again@cam.ac.uk");

        Assert.Contains("Please speak to reception", withdrawnPage, StringComparison.Ordinal);
        Assert.Equal(MainContent(withdrawnPage), MainContent(alreadyPage));
        Assert.DoesNotContain("A01", alreadyPage, StringComparison.Ordinal); // never someone else's ticket or link
        Assert.Single((await _queue.ViewAsync(_reception)).Waiting);
        Assert.Equal(mailBefore.Count, (await MailAsync("")).Count);
    }

    [Fact]
    public async Task OneStudent_CheckingInOnTwoKiosksAtOnce_GetsOnePlace()
    {
        var first = await EnrolAsync("Left tablet");
        var second = await EnrolAsync("Right tablet");

        var answers = new KioskAnswer?[2];
        var failures = await AtOnce.RunAsync(
            async () => answers[0] = await CheckInThroughServiceAsync(first, "ab123@cam.ac.uk"),
            async () => answers[1] = await CheckInThroughServiceAsync(second, "AB123@cam.ac.uk"));

        Assert.All(failures, Assert.Null);
        Assert.Single(answers, a => a is KioskAnswer.CheckedIn);
        Assert.Single(answers, a => a is KioskAnswer.SeeReception);
        Assert.Single((await _queue.ViewAsync(_reception)).Waiting);
    }

    [Fact]
    public async Task TwoTablets_TypingOneCode_AtTheSameMoment_OnlyOneIsEnrolled()
    {
        var code = await _app.UseAsync<KioskDevices, string>(k => k.AddAsync(_manager, "Reception tablet"));
        var tokens = new string?[2];

        var failures = await AtOnce.RunAsync(
            async () => tokens[0] = await _app.UseAsync<KioskDevices, string>(k => k.EnrolAsync(code)),
            async () => tokens[1] = await _app.UseAsync<KioskDevices, string>(k => k.EnrolAsync(code)));

        var refused = Assert.Single(failures, f => f is not null);
        Assert.Equal(KioskDevice.WrongCodeText, refused!.Message);
        var token = Assert.Single(tokens, t => t is not null);
        Assert.True(await _app.UseAsync<KioskDevices, bool>(k => k.IsEnrolledAsync(token)));
    }

    [Fact]
    public async Task TwoManagers_AddingTheSameName_AtTheSameMoment_GetOneKiosk_AndOneClearRefusal()
    {
        var failures = await AtOnce.RunAsync(
            () => _app.UseAsync<KioskDevices, string>(k => k.AddAsync(_manager, "Reception tablet")),
            () => _app.UseAsync<KioskDevices, string>(k => k.AddAsync(_manager, "Reception Tablet")));

        var refused = Assert.Single(failures, f => f is not null);
        Assert.IsType<DropIn.Domain.RuleException>(refused);
        Assert.Contains("already in use", refused!.Message, StringComparison.Ordinal);
        Assert.Single(await KiosksAsync());
    }

    [Fact]
    public async Task OnlyAManager_AddsOrRevokesAKiosk()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => _app.UseAsync<KioskDevices>(k => k.AddAsync(_reception, "My own tablet")));
        var code = await _app.UseAsync<KioskDevices, string>(k => k.AddAsync(_manager, "Reception tablet"));
        var id = (await KiosksAsync()).Single().Id;

        await Assert.ThrowsAsync<ForbiddenException>(() => _app.UseAsync<KioskDevices>(k => k.RevokeAsync(_reception, id)));
        await Assert.ThrowsAsync<ForbiddenException>(() => _app.UseAsync<KioskDevices, string>(k => k.NewEnrolmentCodeAsync(_reception, id)));
        Assert.NotNull(await _app.UseAsync<KioskDevices, string>(k => k.EnrolAsync(code)));
        Assert.Null((await KiosksAsync()).Single().RevokedAt);
    }

    private async Task<HttpClient> EnrolledTabletAsync()
    {
        var code = await _app.UseAsync<KioskDevices, string>(k => k.AddAsync(_manager, "Reception tablet"));
        var tablet = StaffBrowserClient.Anonymous(_app);
        Assert.Equal(HttpStatusCode.Redirect, (await EnrolAsync(tablet, code)).StatusCode);
        return tablet;
    }

    private async Task<string> EnrolAsync(string name)
    {
        var code = await _app.UseAsync<KioskDevices, string>(k => k.AddAsync(_manager, name));
        return await _app.UseAsync<KioskDevices, string>(k => k.EnrolAsync(code));
    }

    private static Task<HttpResponseMessage> EnrolAsync(HttpClient tablet, string code) =>
        StaffBrowserClient.PostFormAsync(tablet, KioskPaths.Kiosk, "enrol", new Dictionary<string, string> { ["Code"] = code });

    private Task<KioskAnswer> CheckInThroughServiceAsync(string token, string email) =>
        _app.UseAsync<KioskCheckIn, KioskAnswer>(k => k.CheckInAsync(token, "Ada", email, "Housing deposit", false, null));

    /// <summary>Posts the kiosk's check-in form as the tablet's browser does.</summary>
    private static async Task<string> CheckInAsync(HttpClient tablet, string email)
    {
        var response = await StaffBrowserClient.PostFormAsync(tablet, KioskPaths.Kiosk, "check-in",
            new Dictionary<string, string> { ["Input.Name"] = "Ada", ["Input.Email"] = email, ["Input.Topic"] = "Housing deposit" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private Task<IReadOnlyList<KioskView>> KiosksAsync() => _app.UseAsync<KioskDevices, IReadOnlyList<KioskView>>(k => k.ListAsync(_manager));

    private async Task<List<OutboxMessage>> MailAsync(string to)
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<DropIn.Web.Data.DropInDbContext>>().CreateDbContextAsync();
        return [.. (await db.Outbox.AsNoTracking().ToListAsync()).Where(m => to.Length == 0 || UniversityEmail.Same(m.To, to))];
    }

    /// <summary>The page's main content, less what differs on every response.</summary>
    private static string MainContent(string page) =>
        AntiforgeryField().Replace(page[page.IndexOf("<main", StringComparison.Ordinal)..page.IndexOf("</main>", StringComparison.Ordinal)], "");

    [GeneratedRegex("/dropin/t/([A-Za-z0-9_-]+)")]
    private static partial Regex Link();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"[^\"]+\"")]
    private static partial Regex AntiforgeryField();
}
