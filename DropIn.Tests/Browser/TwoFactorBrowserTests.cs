using DropIn.Tests.Infrastructure;
using DropIn.Web.Security;
using DropIn.Web.Security.TwoFactor;
using Microsoft.Playwright;

namespace DropIn.Tests.Browser;

/// <summary>A caseworker's first sign-in sets up the authenticator app; the next one asks for its code. Both pages pass axe.</summary>
public sealed class TwoFactorBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly AppFactory _app = new(kestrel: true, settings: new Dictionary<string, string?>(AppFactory.AlwaysOpen())
    {
        ["DropIn:Security:RequireTwoFactor"] = "true",
    });

    public async ValueTask InitializeAsync() => await _app.StaffAsync("Sam Caseworker", Roles.Caseworker);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task FirstSignIn_SetsUpTheAuthenticator_ShowsRecoveryCodes_AndTheNextSignInAsksForACode()
    {
        var server = _app.ServerAddress;
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = server.ToString(), ViewportSize = Pages.Phone });
        var page = await context.NewPageAsync();
        await PasswordAsync(page);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Set up your authenticator app" })).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(page);
        var key = AuthenticatorApp.Key(await page.GetByTestId("authenticator-key").InnerTextAsync());
        await page.GetByLabel("Code from the app").FillAsync(AuthenticatorApp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-step sign-in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Keep your recovery codes" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(TwoFactorService.RecoveryCodeCount);
        await Pages.AssertAccessibleAsync(page);
        await page.GetByTestId("continue").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/", StringComparison.Ordinal));

        var tablet = await (await browser.Browser.NewContextAsync(new() { BaseURL = server.ToString(), ViewportSize = Pages.Tablet })).NewPageAsync();
        await PasswordAsync(tablet);
        await Assertions.Expect(tablet.GetByRole(AriaRole.Heading, new() { Name = "Enter your code" })).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(tablet);
        // The next 30-second step: the app's following code, which the last one has not used.
        await tablet.GetByLabel("Code").FillAsync(AuthenticatorApp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)));
        await tablet.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await tablet.WaitForURLAsync(url => !url.Contains("/account/", StringComparison.Ordinal));
        await Pages.GotoInteractiveAsync(tablet, "/queue/call");
        await Assertions.Expect(tablet.GetByRole(AriaRole.Button, new() { Name = "Call next" })).ToBeVisibleAsync();
    }

    private static async Task PasswordAsync(IPage page)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(AppFactory.EmailOf("Sam Caseworker"));
        await page.GetByLabel("Password").FillAsync(AppFactory.StaffPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/account/two-factor", StringComparison.Ordinal));
    }
}
