using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DropIn.Tests.Browser;

/// <summary>Reception, a caseworker's tablet and the waiting-room board, in real Chromium against the real app.</summary>
public sealed class QueueBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly AppFactory _app = new(kestrel: true, settings: AppFactory.AlwaysOpen());

    public async ValueTask InitializeAsync()
    {
        await _app.StaffAsync("Rita Reception", Roles.Reception);
        await _app.StaffAsync("Sam Caseworker", Roles.Caseworker);
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync();
        await db.Users.Where(u => u.DisplayName == "Sam Caseworker").ExecuteUpdateAsync(u => u.SetProperty(x => x.Room, "Advice room 1"));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task CheckIn_UpdatesCaseworkerTabletAndBoardWithoutReload_BoardNeverShowsTheName()
    {
        var server = _app.ServerAddress;
        var reception = await Pages.SignedInPageAsync(browser.Browser, server, AppFactory.EmailOf("Rita Reception"), AppFactory.StaffPassword, Pages.Desktop);
        var tablet = await Pages.SignedInPageAsync(browser.Browser, server, AppFactory.EmailOf("Sam Caseworker"), AppFactory.StaffPassword, Pages.Tablet);
        var boardContext = await browser.Browser.NewContextAsync(new() { BaseURL = server.ToString(), ViewportSize = Pages.Desktop });
        var board = await boardContext.NewPageAsync();
        var boardHtml = new List<string>();

        await Pages.GotoInteractiveAsync(reception, "/queue");
        await Pages.GotoInteractiveAsync(tablet, "/queue/call");
        await board.GotoAsync("/board");
        await board.Locator("#board[data-connected=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Pages.AssertAccessibleAsync(reception);
        await Pages.AssertAccessibleAsync(tablet);
        await Pages.AssertAccessibleAsync(board);

        await reception.GetByLabel("Name").FillAsync("Wilhelmina Thistlewood");
        await reception.GetByLabel("College (optional)").FillAsync("Sidney Sussex");
        await reception.GetByLabel("What it is about").FillAsync("Fitness to practise hearing");
        await reception.GetByRole(AriaRole.Button, new() { Name = "Check in" }).ClickAsync();

        await Assertions.Expect(reception.GetByTestId("last-ticket")).ToHaveTextAsync("A01");
        await Assertions.Expect(tablet.GetByTestId("waiting-table")).ToContainTextAsync("Wilhelmina Thistlewood");
        await Assertions.Expect(board.Locator(".board-waiting")).ToContainTextAsync("A01");
        boardHtml.Add(await board.ContentAsync());

        await tablet.GetByRole(AriaRole.Button, new() { Name = "Call next" }).ClickAsync();

        await Assertions.Expect(tablet.GetByTestId("current-ticket")).ToContainTextAsync("A01");
        await Assertions.Expect(tablet.GetByTestId("current-ticket")).ToContainTextAsync("Called to Advice room 1");
        await Assertions.Expect(board.Locator(".board-calling")).ToContainTextAsync("A01 please go to Advice room 1");
        await Assertions.Expect(reception.GetByText("called to Sam Caseworker in Advice room 1", new() { Exact = false })).ToBeVisibleAsync();
        boardHtml.Add(await board.ContentAsync());
        await Pages.AssertAccessibleAsync(tablet);
        await Pages.AssertAccessibleAsync(board);

        await tablet.GetByRole(AriaRole.Button, new() { Name = "Advice given" }).ClickAsync();

        await Assertions.Expect(tablet.GetByRole(AriaRole.Button, new() { Name = "Call next" })).ToBeVisibleAsync();
        await Assertions.Expect(board.Locator(".board-calling")).ToContainTextAsync("Nobody is being called");
        boardHtml.Add(await board.ContentAsync());
        foreach (var html in boardHtml)
        {
            Assert.DoesNotContain("Wilhelmina", html);
            Assert.DoesNotContain("Thistlewood", html);
            Assert.DoesNotContain("Sidney Sussex", html);
            Assert.DoesNotContain("Fitness to practise", html);
        }
    }

    [Fact]
    public async Task SignInAndQueue_OnAPhone_FitTheScreenAndPassAxe()
    {
        var server = _app.ServerAddress;
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = server.ToString(), ViewportSize = Pages.Phone });
        var login = await context.NewPageAsync();
        await login.GotoAsync("/account/login");
        await Pages.AssertAccessibleAsync(login);
        await Pages.AssertNoHorizontalScrollAsync(login);

        var phone = await Pages.SignedInPageAsync(browser.Browser, server, AppFactory.EmailOf("Rita Reception"), AppFactory.StaffPassword, Pages.Phone);
        await Pages.GotoInteractiveAsync(phone, "/queue");

        await Pages.AssertAccessibleAsync(phone);
        await Pages.AssertNoHorizontalScrollAsync(phone);
        var board = await context.NewPageAsync();
        await board.GotoAsync("/board");
        await Pages.AssertNoHorizontalScrollAsync(board);
    }

    [Fact]
    public async Task ManagerScreens_OnATablet_PassAxe()
    {
        await _app.StaffAsync("Morgan Manager", Roles.Manager);
        var tablet = await Pages.SignedInPageAsync(browser.Browser, _app.ServerAddress, AppFactory.EmailOf("Morgan Manager"), AppFactory.StaffPassword, Pages.Tablet);

        foreach (var path in new[] { "/", "/availability", "/diary" })
        {
            await Pages.GotoInteractiveAsync(tablet, path);
            await Pages.AssertAccessibleAsync(tablet);
            await Pages.AssertNoHorizontalScrollAsync(tablet);
            if (path == "/availability")
            {
                await Assertions.Expect(tablet.GetByTestId("caseworker-availability")).ToHaveCountAsync(2);
            }
        }
    }
}
