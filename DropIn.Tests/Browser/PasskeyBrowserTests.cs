using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace DropIn.Tests.Browser;

/// <summary>
/// A member of staff adds a passkey on "Your sign-in" and then signs in with it alone; once removed, it is refused.
/// Chromium's virtual authenticator stands in for the phone's fingerprint reader (a platform authenticator that
/// verifies the user), driven over the DevTools protocol.
/// </summary>
public sealed class PasskeyBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Name = "Pat Caseworker";
    private readonly AppFactory _app = new(kestrel: true, settings: AppFactory.AlwaysOpen());

    public async ValueTask InitializeAsync() => await _app.StaffAsync(Name, Roles.Caseworker);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task APasskey_SignsInOnItsOwn_UntilItIsRemoved()
    {
        // WebAuthn needs a secure context and a domain for the relying party: http://localhost is both, the
        // server's own address (127.0.0.1) is neither a domain nor allowed as one.
        var server = new UriBuilder(_app.ServerAddress) { Host = "localhost" }.Uri;
        var page = await Pages.SignedInPageAsync(browser.Browser, server, AppFactory.EmailOf(Name), AppFactory.StaffPassword, Pages.Desktop);
        var devTools = await page.Context.NewCDPSessionAsync(page);
        await devTools.SendAsync("WebAuthn.enable");
        await devTools.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });

        await page.GotoAsync("/account/security");
        await page.GetByLabel("Name for the new passkey").FillAsync("Front desk laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await page.Locator("[role=status], [role=alert]").First.WaitForAsync();
        var refused = await _app.UseAsync<DropInDbContext, string?>(db => db.AuditEntries.Where(e => e.Action == "passkey.add" && e.Detail != null).Select(e => e.Detail).FirstOrDefaultAsync());
        Assert.Null(refused);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Passkey \"Front desk laptop\" added");
        await Assertions.Expect(page.GetByTestId("passkeys").Locator("li")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("passkeys")).ToContainTextAsync("Front desk laptop");
        foreach (var width in new[] { 320, 768, 1366 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await Pages.AssertNoHorizontalScrollAsync(page);
        }

        await Pages.AssertAccessibleAsync(page);

        await SignOutAsync(page);
        await page.GotoAsync("/account/login?ReturnUrl=%2Fqueue%2Fcall");
        await Pages.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use a passkey" }).ClickAsync();
        await page.WaitForURLAsync("**/queue/call");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Call next" })).ToBeVisibleAsync();

        var trail = await _app.UseAsync<DropInDbContext, List<(string Action, string? Detail)>>(async db =>
            [.. (await db.AuditEntries.OrderBy(e => e.Sequence).ToListAsync()).Select(e => (e.Action, e.Detail))]);
        Assert.Contains(("passkey.add", null), trail);
        Assert.Contains(("signin", "passkey"), trail);

        // Just signed in with the passkey, so a recent sign-in: removing needs no password.
        await page.GotoAsync("/account/security");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("removed");
        await Assertions.Expect(page.GetByText("You have no passkeys yet.")).ToBeVisibleAsync();

        await SignOutAsync(page);
        await page.GotoAsync("/account/login");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use a passkey" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("DropIn does not recognise that passkey");
        await Pages.AssertAccessibleAsync(page);
        await page.GotoAsync("/queue/call");
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
    }

    private static async Task SignOutAsync(IPage page)
    {
        await Pages.GotoInteractiveAsync(page, "/queue/call");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/account/login**");
    }
}
