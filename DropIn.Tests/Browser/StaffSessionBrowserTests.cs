using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DropIn.Tests.Browser;

/// <summary>The content security policy, the idle lock and a disabled account, in real Chromium against the real app.</summary>
public sealed class StaffSessionBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    // Seconds, not minutes: the warning shows 30 s before a 60 s lock (room for an axe scan on a loaded machine), and
    // accounts are re-checked every second.
    private readonly AppFactory _app = new(kestrel: true, settings: new Dictionary<string, string?>(AppFactory.AlwaysOpen())
    {
        ["DropIn:Security:IdleSeconds"] = "60",
        ["DropIn:Security:IdleWarningSeconds"] = "30",
        ["DropIn:Security:RevalidationSeconds"] = "1",
    });

    public async ValueTask InitializeAsync()
    {
        await _app.StaffAsync("Sam Caseworker", Roles.Caseworker);
        await _app.StaffAsync("Mo Manager", Roles.Manager);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task StaffAndPublicPages_ShowNoContentSecurityPolicyViolation()
    {
        var server = _app.ServerAddress;
        var staff = await Pages.SignedInPageAsync(browser.Browser, server, AppFactory.EmailOf("Sam Caseworker"), AppFactory.StaffPassword, Pages.Tablet);
        var publicContext = await browser.Browser.NewContextAsync(new() { BaseURL = server.ToString(), ViewportSize = Pages.Phone });
        var visitor = await publicContext.NewPageAsync();
        var violations = new List<string>();
        foreach (var page in new[] { staff, visitor })
        {
            page.Console += (_, message) =>
            {
                if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                {
                    violations.Add($"{page.Url}: {message.Text}");
                }
            };
        }

        await Pages.GotoInteractiveAsync(staff, "/queue/call");
        await Assertions.Expect(staff.GetByRole(AriaRole.Button, new() { Name = "Call next" })).ToBeVisibleAsync();
        await Pages.GotoInteractiveAsync(staff, "/cases");
        await visitor.GotoAsync("/book");
        await visitor.GotoAsync("/board");
        await visitor.Locator("#board[data-connected=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public async Task ANotFoundPage_StaysOnScreen_AndStillKeepsTheSignInAlive()
    {
        var staff = await Pages.SignedInPageAsync(browser.Browser, _app.ServerAddress, AppFactory.EmailOf("Sam Caseworker"), AppFactory.StaffPassword, Pages.Tablet);
        await staff.GotoAsync("/no-such-page");
        await Assertions.Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        // Long enough for a circuit to start, the idle script to send its first keep-alive, and any lock to follow.
        await staff.WaitForTimeoutAsync(3000);
        Assert.EndsWith("/no-such-page", staff.Url, StringComparison.Ordinal);

        // What the idle script sends while someone is working, with the token the page carries.
        var status = await staff.EvaluateAsync<int>("""
            async () => {
                const token = document.querySelector('#idle-lock-form input[name="__RequestVerificationToken"]').value;
                const r = await fetch('/account/keep-alive', { method: 'POST', headers: { 'RequestVerificationToken': token }, redirect: 'manual' });
                return r.status;
            }
            """);

        Assert.Equal(204, status);
    }

    [Fact]
    public async Task IdleTablet_WarnsThenLocks_StaySignedInKeepsTheSession_BackShowsNothing()
    {
        var tablet = await Pages.SignedInPageAsync(browser.Browser, _app.ServerAddress, AppFactory.EmailOf("Sam Caseworker"), AppFactory.StaffPassword, Pages.Tablet);
        await Pages.GotoInteractiveAsync(tablet, "/queue/call");
        var warning = tablet.GetByRole(AriaRole.Alertdialog, new() { Name = "Are you still there?" });
        var stay = warning.GetByRole(AriaRole.Button, new() { Name = "Stay signed in" });

        await Assertions.Expect(warning).ToBeVisibleAsync(new() { Timeout = 45_000 });
        await Assertions.Expect(stay).ToBeFocusedAsync();
        await stay.ClickAsync();

        await Assertions.Expect(warning).ToBeHiddenAsync();
        await Assertions.Expect(tablet.GetByRole(AriaRole.Button, new() { Name = "Call next" })).ToBeVisibleAsync();
        Assert.EndsWith("/queue/call", tablet.Url);

        // No touch from now on: the warning comes back (checked with axe while nothing else is racing it), then the lock.
        await Assertions.Expect(warning).ToBeVisibleAsync(new() { Timeout = 45_000 });
        await Pages.AssertAccessibleAsync(tablet);
        await tablet.WaitForURLAsync("**/account/login?locked=1**", new() { Timeout = 60_000 });
        await Assertions.Expect(tablet.GetByText("locked after a period of inactivity", new() { Exact = false })).ToBeVisibleAsync();
        Assert.Contains("ReturnUrl=%2Fqueue%2Fcall", tablet.Url);

        await tablet.GoBackAsync();
        await tablet.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Contains("/account/login", tablet.Url);
        Assert.Equal(0, await tablet.GetByRole(AriaRole.Button, new() { Name = "Call next" }).CountAsync());
    }

    [Fact]
    public async Task SigningOutInOneTab_TheOtherTabShowsTheSignInPageWithinSeconds_AndCannotAct()
    {
        // Screens are re-checked only every minute here, so what ends the other tab is the sign-out itself.
        await using var app = new AppFactory(kestrel: true, settings: new Dictionary<string, string?>(AppFactory.AlwaysOpen()) { ["DropIn:Security:RevalidationSeconds"] = "60" });
        await app.StaffAsync("Rita Reception", Roles.Reception);
        var first = await Pages.SignedInPageAsync(browser.Browser, app.ServerAddress, AppFactory.EmailOf("Rita Reception"), AppFactory.StaffPassword, Pages.Desktop);
        var second = await first.Context.NewPageAsync();
        await Pages.GotoInteractiveAsync(first, "/queue");
        await Pages.GotoInteractiveAsync(second, "/queue");
        var checkIn = second.GetByRole(AriaRole.Button, new() { Name = "Check in" });
        await Assertions.Expect(checkIn).ToBeVisibleAsync();

        await first.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await first.WaitForURLAsync("**/account/login**");

        await second.WaitForURLAsync("**/account/login**", new() { Timeout = 5_000 });
        Assert.Equal(0, await second.GetByRole(AriaRole.Button, new() { Name = "Check in" }).CountAsync());
        await Assertions.Expect(second.GetByRole(AriaRole.Heading, new() { Name = "Staff sign-in" })).ToBeVisibleAsync();
        await second.GotoAsync("/queue");
        Assert.Contains("/account/login", second.Url);
    }

    [Fact]
    public async Task DisabledAccount_OpenScreenGoesToSignInWithinSeconds()
    {
        var tablet = await Pages.SignedInPageAsync(browser.Browser, _app.ServerAddress, AppFactory.EmailOf("Sam Caseworker"), AppFactory.StaffPassword, Pages.Tablet);
        await Pages.GotoInteractiveAsync(tablet, "/queue/call");
        var manager = await _app.StaffAsync("Mo Manager", Roles.Manager);
        var id = await _app.UseAsync<UserManager<StaffUser>, string>(async users => (await users.FindByEmailAsync(AppFactory.EmailOf("Sam Caseworker")))!.Id);

        await _app.UseAsync<StaffAccountService>(s => s.DisableStaffAsync(manager, id));

        await tablet.WaitForURLAsync("**/account/login**", new() { Timeout = 10_000 });
        Assert.Equal(0, await tablet.GetByRole(AriaRole.Button, new() { Name = "Call next" }).CountAsync());
    }
}
