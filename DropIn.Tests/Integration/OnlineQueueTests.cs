using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using DropIn.Domain.Cases;
using DropIn.Domain.Queue;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Queue.Online;
using DropIn.Web.Features.Students;
using DropIn.Web.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

/// <summary>
/// The students' side of the queue over HTTP, as a phone uses it: join at /dropin, take the place through the emailed
/// link, follow it as staff call, ask for more time, leave; the emails that go, once each; and the same answer for
/// everyone, whoever the address belongs to.
/// </summary>
public sealed partial class OnlineQueueTests : IAsyncLifetime
{
    // Tuesday 24 November 2026, 12:05 London: the drop-in (12:00-14:00) is open.
    private readonly FakeTimeProvider _clock = London.Clock(2026, 11, 24, 12, 5);
    private AppFactory _app = default!;
    private QueueHarness _queue = default!;
    private ClaimsPrincipal _reception = default!;
    private ClaimsPrincipal _caseworker = default!;

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock, settings: new Dictionary<string, string?>
        {
            ["DropIn:Appointments:PublicRequestsPerMinute"] = "10000",
            ["DropIn:Queue:Cap"] = "6",
        });
        _queue = new QueueHarness(_app);
        _reception = await _queue.ReceptionAsync();
        _caseworker = await _queue.CaseworkerAsync();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AStudentJoins_TakesTheirPlace_AndIsCalled_ThenDoesNotAnswer_AndReceptionPutsThemBack()
    {
        await _queue.CheckInAsync(_reception, "Desk Student");

        var joined = await JoinAsync("ab123@cam.ac.uk");
        Assert.Equal(HttpStatusCode.Redirect, joined.Status);
        Assert.EndsWith(OnlineQueuePaths.Sent, joined.Location, StringComparison.Ordinal);
        var token = await LinkAsync("ab123@cam.ac.uk");
        Assert.Contains("Take my place", await StatusPageAsync(token), StringComparison.Ordinal);
        Assert.Single((await _queue.ViewAsync(_reception)).Waiting); // nobody joins until the link is used

        await PostAsync(token, "take");
        var page = await StatusPageAsync(token);
        Assert.Contains("A02", page, StringComparison.Ordinal);
        Assert.Contains("1 person is ahead of you", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Ada", page, StringComparison.Ordinal);
        var online = (await _queue.ViewAsync(_reception)).Waiting[^1].Ticket;
        Assert.True(online.JoinedOnline);
        Assert.Equal("Ada", online.Name);

        var desk = await _queue.CallNextAsync(_caseworker);
        await _queue.WithQueueAsync(q => q.FinishAsync(_caseworker, desk!.Id, VisitOutcome.AdviceGiven));
        var called = await _queue.CallNextAsync(_caseworker, "Advice room 1");
        Assert.Equal(online.Id, called!.Id);
        Assert.Contains("go to Advice room 1 now", await StatusPageAsync(token), StringComparison.Ordinal);
        Assert.Single(await MailAsync("ab123@cam.ac.uk", "please come now"));

        await _queue.WithQueueAsync(q => q.NoAnswerAsync(_caseworker, online.Id));
        Assert.Contains("was called but we could not find you", await StatusPageAsync(token), StringComparison.Ordinal);

        await _queue.WithQueueAsync(q => q.ReturnToQueueAsync(_reception, online.Id));
        Assert.Contains("You are next", await StatusPageAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheJoinForm_AnswersTheSame_ForAStranger_AWithdrawnStudent_AndOneAlreadyInTheQueue_AndTheBoardShowsNothing()
    {
        var manager = await _queue.ManagerAsync();
        var withdrawn = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(_reception, new StudentProfile("Wendy Drew", Email: "wd1@cam.ac.uk")));
        await ConductHarness.WithdrawAsync(_app, _reception, manager, withdrawn.Id, _clock.GetUtcNow());
        await JoinAndTakeAsync("in1@cam.ac.uk");
        var board = await BoardCodesAsync();

        var stranger = await JoinAsync("zz999@cam.ac.uk");
        var withdrawnAnswer = await JoinAsync("wd1@cam.ac.uk");
        var already = await JoinAsync("in1@cam.ac.uk");

        Assert.Equal(stranger, withdrawnAnswer);
        Assert.Equal(stranger, already);
        Assert.Equal(board, await BoardCodesAsync());
        // Only the email differs: the withdrawn student's has no link, and theirs never takes a place.
        var declined = Assert.Single(await MailAsync("wd1@cam.ac.uk", OnlineQueueEmails.JoinSubject));
        Assert.DoesNotContain("/dropin/t/", declined.TextBody, StringComparison.Ordinal);
        Assert.Equal(2, (await MailAsync("in1@cam.ac.uk", OnlineQueueEmails.JoinSubject)).Count);
    }

    [Fact]
    public async Task JoiningTwice_AndPressingTakeTwiceAtOnce_GiveOnePlace()
    {
        await JoinAsync("ab123@cam.ac.uk");
        var first = await LinkAsync("ab123@cam.ac.uk");
        await JoinAsync("AB123+phone@cam.ac.uk");
        var second = await LinkAsync("ab123+phone@cam.ac.uk");

        var failures = await AtOnce.RunAsync(() => PostAsync(first, "take"), () => PostAsync(first, "take"), () => PostAsync(second, "take"));

        Assert.All(failures, Assert.Null);
        var ticket = Assert.Single((await _queue.ViewAsync(_reception)).Waiting);
        Assert.Contains(ticket.Ticket.Code, await StatusPageAsync(first), StringComparison.Ordinal);
        Assert.Contains(ticket.Ticket.Code, await StatusPageAsync(second), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NearlyYourTurn_GoesOnce_WhileTwoCaseworkersCallAtOnce_AndTheStudentAsksForMoreTime()
    {
        for (var i = 0; i < 4; i++)
        {
            await _queue.CheckInAsync(_reception, $"Desk {i}");
        }

        var token = await JoinAndTakeAsync("ab123@cam.ac.uk"); // fifth: four ahead
        Assert.Empty(await MailAsync("ab123@cam.ac.uk", "nearly your turn"));
        var second = await _queue.CaseworkerAsync("Kim Caseworker");
        _clock.Advance(TimeSpan.FromSeconds(1)); // so the student checked in at the same moment is behind, not tied

        var failures = await AtOnce.RunAsync(
            () => _queue.CallNextAsync(_caseworker, "Advice room 1"),
            () => _queue.CallNextAsync(second, "Advice room 2"),
            () => _queue.CheckInAsync(_reception, "Desk at once"));
        Assert.All(failures, Assert.Null);
        Assert.Contains("Nearly your turn", await StatusPageAsync(token), StringComparison.Ordinal);

        await PostAsync(token, "more-time"); // back behind the one ticket waiting after it
        await _queue.CheckInAsync(_reception, "Desk late");
        var first = (await _queue.ViewAsync(_reception)).Waiting[0].Ticket;
        await _queue.WithQueueAsync(q => q.MarkLeftAsync(_reception, first.Id));
        await PostAsync(token, "here");

        Assert.Single(await MailAsync("ab123@cam.ac.uk", "nearly your turn"));
        var view = await _queue.ViewAsync(_reception);
        var mine = view.Waiting.Single(w => w.Ticket.JoinedOnline).Ticket;
        Assert.NotNull(mine.SteppedBackAt);
    }

    [Fact]
    public async Task AStudentWhoSaidTheyAreHere_IsToldNearlyYourTurnOnThePage_ButNotEmailed()
    {
        for (var i = 0; i < 4; i++)
        {
            await _queue.CheckInAsync(_reception, $"Desk {i}");
        }

        var token = await JoinAndTakeAsync("ab123@cam.ac.uk");
        await PostAsync(token, "here");
        await _queue.CallNextAsync(_caseworker, "Advice room 1");
        await _queue.CallNextAsync(await _queue.CaseworkerAsync("Kim Caseworker"), "Advice room 2");

        Assert.Contains("Nearly your turn", await StatusPageAsync(token), StringComparison.Ordinal);
        Assert.Empty(await MailAsync("ab123@cam.ac.uk", "nearly your turn"));
    }

    [Fact]
    public async Task MoreTime_StepsBackThreePlaces_Once()
    {
        var token = await JoinAndTakeAsync("ab123@cam.ac.uk");
        for (var i = 0; i < 4; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(30));
            await _queue.CheckInAsync(_reception, $"Desk {i}");
        }

        await PostAsync(token, "more-time");
        Assert.Contains("3 people are ahead of you", await StatusPageAsync(token), StringComparison.Ordinal);
        Assert.DoesNotContain("I need 5 more minutes", await StatusPageAsync(token), StringComparison.Ordinal);

        await PostAsync(token, "more-time");
        Assert.Contains("3 people are ahead of you", await StatusPageAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoreTime_PressedTwiceAtTheSameMoment_StepsBackOnce_AndBothPressesComeBackToThePage()
    {
        var token = await JoinAndTakeAsync("ab123@cam.ac.uk");
        for (var i = 0; i < 4; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(30));
            await _queue.CheckInAsync(_reception, $"Desk {i}");
        }

        var failures = await AtOnce.RunAsync(() => PostAsync(token, "more-time"), () => PostAsync(token, "more-time"), () => PostAsync(token, "more-time"));

        Assert.All(failures, Assert.Null); // each press is redirected back to the page, never an error
        Assert.Contains("3 people are ahead of you", await StatusPageAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leave_PressedTwiceAtTheSameMoment_LeavesOnce()
    {
        var token = await JoinAndTakeAsync("ab123@cam.ac.uk");
        await _queue.CheckInAsync(_reception, "Desk Student");

        var failures = await AtOnce.RunAsync(() => PostAsync(token, "leave"), () => PostAsync(token, "leave"));

        Assert.All(failures, Assert.Null);
        var view = await _queue.ViewAsync(_reception);
        Assert.Equal("Desk Student", Assert.Single(view.Waiting).Ticket.Name);
        Assert.Equal(TicketStatus.Left, Assert.Single(view.Done).Status);
    }

    [Fact]
    public async Task TwoCaseworkers_SettingTheMessageAtTheSameMoment_OneMessageStands_AndNeitherGetsAnError()
    {
        var token = await JoinAndTakeAsync("ab123@cam.ac.uk");
        var sessionId = (await _queue.ViewAsync(_reception)).Session.Id;
        var other = await _queue.CaseworkerAsync("Priya Caseworker");

        var failures = await AtOnce.RunAsync(
            () => _queue.WithQueueAsync(q => q.SetNoticeAsync(_caseworker, sessionId, "Running 20 minutes late")),
            () => _queue.WithQueueAsync(q => q.SetNoticeAsync(other, sessionId, "Back at 13:00")));

        Assert.All(failures, Assert.Null);
        var page = await StatusPageAsync(token);
        Assert.True(page.Contains("Running 20 minutes late", StringComparison.Ordinal) ^ page.Contains("Back at 13:00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LeavingTheQueue_ShowsReceptionTheTicketAsLeft()
    {
        var token = await JoinAndTakeAsync("ab123@cam.ac.uk");

        await PostAsync(token, "leave");
        await PostAsync(token, "leave");

        var view = await _queue.ViewAsync(_reception);
        Assert.Empty(view.Waiting);
        Assert.Equal(TicketStatus.Left, Assert.Single(view.Done).Status);
        Assert.Contains("You have left the queue", await StatusPageAsync(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenTheQueueIsFull_TheFormSaysWhenTheNextDropInIs_AndOffersBooking()
    {
        for (var i = 0; i < 6; i++)
        {
            await _queue.CheckInAsync(_reception, $"Desk {i}");
        }

        using var client = StaffBrowserClient.Anonymous(_app);
        var page = await client.GetStringAsync(OnlineQueuePaths.Join);

        Assert.Contains("The queue for this drop-in is full", page, StringComparison.Ordinal);
        Assert.Contains("The next drop-in is Thursday 26 November at 12:00", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/book\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Join the queue</button>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFormSentJustAfterTheQueueFilled_GetsTheSameWords_NotAnErrorPage()
    {
        using var client = StaffBrowserClient.Anonymous(_app);
        var form = await client.GetStringAsync(OnlineQueuePaths.Join);
        for (var i = 0; i < 6; i++)
        {
            await _queue.CheckInAsync(_reception, $"Desk {i}");
        }

        var response = await client.PostAsync(OnlineQueuePaths.Join, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "Ada", ["Input.Email"] = "ab123@cam.ac.uk", ["Input.Topic"] = "Housing deposit",
            ["__RequestVerificationToken"] = AntiforgeryValue().Match(form).Groups[1].Value, ["_handler"] = "join",
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The queue for this drop-in is full", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await MailAsync("ab123@cam.ac.uk", ""));
    }

    [Fact]
    public async Task ALinkTakenAfterTheQueueFilled_SaysSo_AndTakesNoPlace()
    {
        await JoinAsync("ab123@cam.ac.uk");
        var token = await LinkAsync("ab123@cam.ac.uk");
        for (var i = 0; i < 6; i++)
        {
            await _queue.CheckInAsync(_reception, $"Desk {i}");
        }

        await PostAsync(token, "take");

        Assert.Contains("The queue for this drop-in is full", await StatusPageAsync(token), StringComparison.Ordinal);
        Assert.DoesNotContain((await _queue.ViewAsync(_reception)).Waiting, w => w.Ticket.JoinedOnline);
    }

    [Fact]
    public async Task AfterTheSessionCloses_TheLinkStopsWorking_LikeALinkThatWasNeverSent()
    {
        var token = await JoinAndTakeAsync("ab123@cam.ac.uk");
        _clock.SetUtcNow(London.At(2026, 11, 24, 14, 1));

        var expired = await StatusPageAsync(token);
        await PostAsync(token, "leave");

        Assert.Contains(OnlineQueueService.ExpiredText, expired, StringComparison.Ordinal);
        Assert.DoesNotContain("A01", expired, StringComparison.Ordinal);
        Assert.Contains(OnlineQueueService.ExpiredText, await StatusPageAsync("made-up-link"), StringComparison.Ordinal);
        var after = await _queue.ViewAsync(_reception);
        Assert.Equal(TicketStatus.Waiting, after.Done.Concat(after.Waiting.Select(w => w.Ticket)).Single().Status);
    }

    [Fact]
    public async Task ACaseworkersMessage_ReachesEveryStudentsPage_ButOnlyCaseworkersSetIt_AndItClears()
    {
        var token = await JoinAndTakeAsync("ab123@cam.ac.uk");
        var sessionId = (await _queue.ViewAsync(_reception)).Session.Id;

        await Assert.ThrowsAsync<DropIn.Web.Security.ForbiddenException>(() => _queue.WithQueueAsync(q => q.SetNoticeAsync(_reception, sessionId, "Closing early")));
        await Assert.ThrowsAsync<DropIn.Domain.RuleException>(() => _queue.WithQueueAsync(q => q.SetNoticeAsync(_caseworker, sessionId, new string('x', 201))));
        await _queue.WithQueueAsync(q => q.SetNoticeAsync(_caseworker, sessionId, "  We are running 20 minutes late "));

        Assert.Contains("We are running 20 minutes late</p>", await StatusPageAsync(token), StringComparison.Ordinal);
        var positions = await _app.UseAsync<DropIn.Web.Features.Queue.QueueService, DropIn.Web.Features.Queue.QueuePositions?>(q => q.GetPositionsAsync(sessionId));
        Assert.Equal("We are running 20 minutes late", positions!.Notice);

        await _queue.WithQueueAsync(q => q.SetNoticeAsync(_caseworker, sessionId, " "));
        Assert.DoesNotContain("running 20 minutes late", await StatusPageAsync(token), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-an-email", "Enter your email address")]
    [InlineData("ab123@gmail.com", "Use your university email address")]
    public async Task ABadAddress_GetsWords_AndNoEmail(string email, string words)
    {
        var answer = await JoinAsync(email);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains(words, answer.Page, StringComparison.Ordinal);
        Assert.Empty(await MailAsync(email, ""));
    }

    private async Task<string> JoinAndTakeAsync(string email)
    {
        await JoinAsync(email);
        var token = await LinkAsync(email);
        await PostAsync(token, "take");
        return token;
    }

    /// <summary>What a visitor sees of an answer: status, where it sends them, and the page less its one-off parts.</summary>
    private sealed record Answer(HttpStatusCode Status, string? Location, string Page);

    private async Task<Answer> JoinAsync(string email)
    {
        using var client = StaffBrowserClient.Anonymous(_app);
        var response = await StaffBrowserClient.PostFormAsync(client, OnlineQueuePaths.Join, "join",
            new Dictionary<string, string> { ["Input.Name"] = "Ada", ["Input.Email"] = email, ["Input.Topic"] = "Housing deposit" });
        var page = OneOff().Replace(await response.Content.ReadAsStringAsync(), "");
        return new Answer(response.StatusCode, response.Headers.Location?.OriginalString, page.Replace(email, "(typed)", StringComparison.Ordinal));
    }

    private async Task PostAsync(string token, string action)
    {
        using var client = StaffBrowserClient.Anonymous(_app);
        var response = await client.PostAsync(OnlineQueuePaths.Action(token, action), null);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(OnlineQueuePaths.Status(token), response.Headers.Location?.OriginalString);
    }

    private async Task<string> StatusPageAsync(string token)
    {
        using var client = StaffBrowserClient.Anonymous(_app);
        var response = await client.GetAsync(OnlineQueuePaths.Status(token));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<string> LinkAsync(string email) =>
        Link().Match((await MailAsync(email, OnlineQueueEmails.JoinSubject)).Last().TextBody).Groups[1].Value;

    private async Task<List<OutboxMessage>> MailAsync(string to, string subjectContains)
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<DropIn.Web.Data.DropInDbContext>>().CreateDbContextAsync();
        return [.. (await db.Outbox.AsNoTracking().OrderBy(m => m.CreatedAt).ToListAsync())
            .Where(m => UniversityEmail.Same(m.To, to) && m.Subject.Contains(subjectContains, StringComparison.OrdinalIgnoreCase))];
    }

    private async Task<List<string>> BoardCodesAsync() =>
        [.. (await _app.UseAsync<DropIn.Web.Features.Queue.QueueService, DropIn.Web.Features.Queue.BoardView>(q => q.GetBoardAsync())).Waiting.Select(w => w.Code)];

    [GeneratedRegex("/dropin/t/([A-Za-z0-9_-]+)")]
    private static partial Regex Link();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryValue();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"[^\"]+\"|<!--Blazor-Server-Component-State:[^>]*-->|opaque-redirect\\?url=[^<\"]*")]
    private static partial Regex OneOff();
}
