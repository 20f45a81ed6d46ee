using System.Diagnostics;
using System.Text.RegularExpressions;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Features.Queue.Online;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace DropIn.Tests.Browser;

/// <summary>
/// A student joins from a phone (375 px, then 320 px), follows the private link while reception, a caseworker's tablet
/// and the board see the ticket, and is told where to go the moment the caseworker calls, without reloading. Axe-clean.
/// </summary>
public sealed partial class StudentQueueBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    // Tuesday 24 November 2026, 12:05 London: the drop-in (12:00-14:00) is open, whatever the time of the run.
    private readonly FakeTimeProvider _clock = London.Clock(2026, 11, 24, 12, 5);
    private AppFactory _app = default!;

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(kestrel: true, clock: _clock);
        await _app.StaffAsync("Rita Reception", Roles.Reception);
        await _app.StaffAsync("Sam Caseworker", Roles.Caseworker);
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync();
        await db.Users.Where(u => u.DisplayName == "Sam Caseworker").ExecuteUpdateAsync(u => u.SetProperty(x => x.Room, "Advice room 1"));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task APhoneJoins_ReceptionTheTabletAndTheBoardSeeIt_AndThePhoneIsToldWhereToGo_WithoutReloading()
    {
        var server = _app.ServerAddress;
        var phoneContext = await browser.Browser.NewContextAsync(new() { BaseURL = server.ToString(), ViewportSize = Pages.Phone });
        var phone = await phoneContext.NewPageAsync();
        var reception = await Pages.SignedInPageAsync(browser.Browser, server, AppFactory.EmailOf("Rita Reception"), AppFactory.StaffPassword, Pages.Desktop);
        var tablet = await Pages.SignedInPageAsync(browser.Browser, server, AppFactory.EmailOf("Sam Caseworker"), AppFactory.StaffPassword, Pages.Tablet);
        var board = await (await browser.Browser.NewContextAsync(new() { BaseURL = server.ToString(), ViewportSize = Pages.Desktop })).NewPageAsync();
        await Pages.GotoInteractiveAsync(reception, "/queue");
        await Pages.GotoInteractiveAsync(tablet, "/queue/call");
        await board.GotoAsync("/board");

        var queue = new QueueHarness(_app);
        await queue.CheckInAsync(await queue.ReceptionAsync("Desk Reception"), "Desk Student");
        await phone.GotoAsync(OnlineQueuePaths.Join);
        await Pages.AssertAccessibleAsync(phone);
        await Pages.AssertNoHorizontalScrollAsync(phone);
        await phone.GetByLabel("First name or initials").FillAsync("Wilhelmina");
        await phone.GetByLabel("Your university email").FillAsync("wt123@cam.ac.uk");
        await phone.GetByLabel("What is it about, in a few words?").FillAsync("Fitness to practise");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Join the queue" }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check your email for your place in the queue");
        await Pages.AssertAccessibleAsync(phone);

        await phone.GotoAsync(OnlineQueuePaths.Status(await LinkAsync("wt123@cam.ac.uk")));
        await Pages.AssertAccessibleAsync(phone);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Take my place" }).ClickAsync();
        await Assertions.Expect(phone.Locator(".queue-code")).ToHaveTextAsync("A02");
        await Assertions.Expect(phone.GetByText("1 person is ahead of you.")).ToBeVisibleAsync();
        await phone.Locator("#queue-status[data-connected=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Pages.AssertAccessibleAsync(phone);
        await Pages.AssertNoHorizontalScrollAsync(phone);

        await Assertions.Expect(reception.GetByTestId("waiting-table")).ToContainTextAsync("Online, not here yet");
        await Assertions.Expect(tablet.GetByTestId("waiting-table")).ToContainTextAsync("Wilhelmina");
        await Assertions.Expect(board.Locator(".board-waiting")).ToContainTextAsync("A02");

        await phone.GetByRole(AriaRole.Button, new() { Name = "I'm here" }).ClickAsync();
        await Assertions.Expect(reception.GetByTestId("waiting-table")).ToContainTextAsync("Online, here");
        await phone.Locator("#queue-status[data-connected=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        // Marked on the page's window: a reload would lose it.
        await phone.EvaluateAsync("() => window.notReloaded = true");
        var panelFetches = 0;
        phone.Request += (_, request) => panelFetches += request.Url.EndsWith("/live", StringComparison.Ordinal) ? 1 : 0;

        // A caseworker's message reaches the phone in place, from the message the hub carries.
        await tablet.GetByLabel("Message to everyone waiting").FillAsync("We are running 20 minutes late");
        await tablet.GetByRole(AriaRole.Button, new() { Name = "Show message" }).ClickAsync();
        await Assertions.Expect(phone.Locator("[data-notice]")).ToHaveTextAsync("We are running 20 minutes late");
        await Assertions.Expect(reception.GetByTestId("session-notice")).ToContainTextAsync("We are running 20 minutes late");

        // The desk student is called: the phone's place moves on from the positions the message carries, no fetch.
        await tablet.GetByRole(AriaRole.Button, new() { Name = "Call next" }).ClickAsync();
        await Assertions.Expect(phone.GetByText("You are next.")).ToBeVisibleAsync();
        Assert.Equal(0, panelFetches);
        await tablet.GetByRole(AriaRole.Button, new() { Name = "Advice given" }).ClickAsync();
        await Assertions.Expect(tablet.GetByRole(AriaRole.Button, new() { Name = "Call next" })).ToBeVisibleAsync();
        var called = Stopwatch.StartNew();
        await tablet.GetByRole(AriaRole.Button, new() { Name = "Call next" }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Alert)).ToContainTextAsync("go to Advice room 1 now");
        TestContext.Current.TestOutputHelper?.WriteLine($"Call next to the phone's \"go to Advice room 1\": {called.ElapsedMilliseconds} ms (measured properly in benchmarks/)");
        Assert.True(await phone.EvaluateAsync<bool>("() => window.notReloaded === true"));
        Assert.Equal("1", await phone.Locator("#queue-status").GetAttributeAsync("data-alerted"));
        Assert.Equal(1, panelFetches);
        await Pages.AssertAccessibleAsync(phone);

        await phone.SetViewportSizeAsync(320, 640);
        await Pages.AssertNoHorizontalScrollAsync(phone);
        await phone.GotoAsync(OnlineQueuePaths.Join);
        await Pages.AssertNoHorizontalScrollAsync(phone);
        await Pages.AssertAccessibleAsync(phone);
    }

    private async Task<string> LinkAsync(string email)
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync();
        var mail = await db.Outbox.AsNoTracking().Where(m => m.To == email).ToListAsync();
        return Link().Match(Assert.Single(mail).TextBody).Groups[1].Value;
    }

    [GeneratedRegex("/dropin/t/([A-Za-z0-9_-]+)")]
    private static partial Regex Link();
}
