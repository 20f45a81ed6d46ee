using DropIn.Tests.Infrastructure;
using DropIn.Web.Security;
using Microsoft.Playwright;

namespace DropIn.Tests.Browser;

/// <summary>The server goes away mid-session and comes back: open screens show the right state again by themselves.</summary>
public sealed class ReconnectBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task ServerRestart_ReceptionAndBoard_CatchUpWithoutAnyoneReloading()
    {
        var folder = TempFolder.Create();
        var port = AppFactory.FreePort();
        var before = new AppFactory(folder, kestrel: true, settings: AppFactory.AlwaysOpen(), port: port);
        var queue = new QueueHarness(before);
        var reception = await queue.ReceptionAsync();
        await queue.CheckInAsync(reception, "Before Restart");
        var server = before.ServerAddress;
        var desk = await Pages.SignedInPageAsync(browser.Browser, server, AppFactory.EmailOf("Rita Reception"), AppFactory.StaffPassword, Pages.Desktop);
        await Pages.GotoInteractiveAsync(desk, "/queue");
        var board = await (await browser.Browser.NewContextAsync(new() { BaseURL = server.ToString() })).NewPageAsync();
        await board.GotoAsync("/board");
        await board.Locator("#board[data-connected=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(board.Locator(".board-waiting")).ToContainTextAsync("A01");

        await before.DisposeAsync();
        await using var after = new AppFactory(folder, kestrel: true, settings: AppFactory.AlwaysOpen(), port: port);
        var restarted = new QueueHarness(after);
        await restarted.CheckInAsync(await restarted.ReceptionAsync(), "After Restart");

        var slow = new LocatorAssertionsToContainTextOptions { Timeout = 45_000 };
        await Assertions.Expect(board.Locator(".board-waiting")).ToContainTextAsync("A02", slow);
        await Assertions.Expect(desk.GetByTestId("waiting-table")).ToContainTextAsync("After Restart", slow);
        await Assertions.Expect(desk.GetByTestId("waiting-table")).ToContainTextAsync("Before Restart");
    }
}
