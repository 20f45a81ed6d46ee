using System.Net;
using System.Text.RegularExpressions;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Security;
using DropIn.Web.Security.TwoFactor;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

/// <summary>
/// A return address can only lead back into DropIn, at every place one is accepted: sign-in, the second step, setting up
/// the authenticator app, confirming a password before an export, and the idle lock. Browsers drop a tab or line break
/// from an address, so "/&lt;TAB&gt;/host" is "//host" to them: another site.
/// </summary>
public sealed partial class ReturnAddressTests : IAsyncLifetime
{
    private const string Staff = "Cara Caseworker";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private AppFactory _app = default!;

    public static TheoryData<string, string> Addresses => new()
    {
        { "/\t/evil.example/", "/" },
        { "/\n/evil.example/", "/" },
        { "/\r\n/evil.example", "/" },
        { "/ /evil.example", "/" },
        { "/\u00a0/evil.example", "/" },
        { "/\u202e/evil.example", "/" },
        { "//evil.example/", "/" },
        { "/\\evil.example/", "/" },
        { "https://evil.example/", "/" },
        { "evil.example", "/" },
        { "", "/" },
        { "/students?q=Zoë", "/students?q=Zo%C3%AB" },
        { "/diary?date=2026-11-23", "/diary?date=2026-11-23" },
    };

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock, settings: new Dictionary<string, string?> { ["DropIn:Security:RequireTwoFactor"] = "true" });
        await _app.StaffAsync(Staff, Roles.Caseworker);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [MemberData(nameof(Addresses))]
    public void LocalOrHome_KeepsOnlyLocalPaths_AndEncodesWhatAHeaderCannotCarry(string given, string expected) =>
        Assert.Equal(expected, ReturnAddress.LocalOrHome(given));

    [Fact]
    public void LocalOrHome_AnAddressLongerThanAnyOfOurs_GoesHome() =>
        Assert.Equal("/", ReturnAddress.LocalOrHome("/" + new string('a', ReturnAddress.MaxLength)));

    [Theory]
    [MemberData(nameof(Addresses))]
    public async Task EveryPlaceThatTakesAReturnAddress_LeadsOnlyBackIntoDropIn(string given, string expected)
    {
        var query = "?ReturnUrl=" + Uri.EscapeDataString(given);

        // Sign-in: the password sends a member of staff without an app to set it up, carrying the address along.
        var client = StaffBrowserClient.Anonymous(_app);
        var afterPassword = await StaffBrowserClient.PostFormAsync(client, "/account/login" + query, "login",
            new Dictionary<string, string> { ["Input.Email"] = AppFactory.EmailOf(Staff), ["Input.Password"] = AppFactory.StaffPassword });
        Assert.Equal(HttpStatusCode.Redirect, afterPassword.StatusCode);
        var setup = afterPassword.Headers.Location!.PathAndQueryOf();
        Assert.Equal(StaffSignIn.SetupPath + "?ReturnUrl=" + Uri.EscapeDataString(expected), setup);

        // Setting up the app: the "continue" link on the recovery codes page.
        var page = await client.GetStringAsync(StaffSignIn.SetupPath + query);
        var key = AuthenticatorApp.Key(KeyOnPage().Match(page).Groups[1].Value);
        var enrolled = await StaffBrowserClient.PostFormAsync(client, StaffSignIn.SetupPath + query, "two-factor-setup",
            new Dictionary<string, string> { ["Input.Code"] = AuthenticatorApp.Code(key, _clock.GetUtcNow()) });
        Assert.Equal(WebUtility.HtmlEncode(expected), ContinueLink().Match(await enrolled.Content.ReadAsStringAsync()).Groups[1].Value);

        // Confirming the password and code again before an export.
        _clock.Advance(TimeSpan.FromSeconds(30));
        var confirmed = await StaffBrowserClient.PostFormAsync(client, RecentSignIn.ConfirmPath + query, "confirm",
            new Dictionary<string, string> { ["Input.Password"] = AppFactory.StaffPassword, ["Input.Code"] = AuthenticatorApp.Code(key, _clock.GetUtcNow()) });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(expected, confirmed.Headers.Location!.PathAndQueryOf());

        // The idle lock, signed in and (the cookie gone) not.
        foreach (var locking in new[] { client, StaffBrowserClient.Anonymous(_app) })
        {
            var locked = await PostLockAsync(locking, given);
            Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
            Assert.Equal("/account/login?locked=1&ReturnUrl=" + Uri.EscapeDataString(expected), locked.Headers.Location!.OriginalString);
        }

        // The second step of a later sign-in, and its page sending a stale visitor back to the password.
        var later = StaffBrowserClient.Anonymous(_app);
        var stale = await later.GetAsync(StaffSignIn.TwoFactorPath + query);
        Assert.Equal("/account/login?ReturnUrl=" + Uri.EscapeDataString(expected), stale.Headers.Location!.PathAndQueryOf());
        await StaffBrowserClient.PostFormAsync(later, "/account/login" + query, "login",
            new Dictionary<string, string> { ["Input.Email"] = AppFactory.EmailOf(Staff), ["Input.Password"] = AppFactory.StaffPassword });
        _clock.Advance(TimeSpan.FromSeconds(30));
        var signedIn = await StaffBrowserClient.PostFormAsync(later, StaffSignIn.TwoFactorPath + query, "two-factor",
            new Dictionary<string, string> { ["Input.Code"] = AuthenticatorApp.Code(key, _clock.GetUtcNow()) });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(expected, signedIn.Headers.Location!.PathAndQueryOf());
    }

    [Fact]
    public async Task Lock_WithNoBodyAtAll_StillEndsAtTheSignInPage()
    {
        var response = await StaffBrowserClient.Anonymous(_app).PostAsync("/account/lock", content: null);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login?locked=1&ReturnUrl=%2F", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/students?q=Zoë", "/students?q=Zo%C3%AB")]
    [InlineData("/\t/evil.example/", "/")]
    public async Task SignIn_WithoutASecondStep_RedirectsOnlyIntoDropIn(string given, string expected)
    {
        await using var app = new AppFactory();
        await app.StaffAsync(Staff, Roles.Caseworker);
        var client = StaffBrowserClient.Anonymous(app);

        var response = await StaffBrowserClient.PostFormAsync(client, "/account/login?ReturnUrl=" + Uri.EscapeDataString(given), "login",
            new Dictionary<string, string> { ["Input.Email"] = AppFactory.EmailOf(Staff), ["Input.Password"] = AppFactory.StaffPassword });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.PathAndQueryOf());
    }

    /// <summary>The idle lock's post, with the antiforgery token a signed-in page carries (the cookie gone, none is needed).</summary>
    private static async Task<HttpResponseMessage> PostLockAsync(HttpClient client, string returnUrl)
    {
        var fields = new Dictionary<string, string> { ["returnUrl"] = returnUrl };
        var home = await client.GetAsync("/");
        if (home.StatusCode == HttpStatusCode.OK)
        {
            fields["__RequestVerificationToken"] = Token().Match(await home.Content.ReadAsStringAsync()).Groups[1].Value;
        }

        return await client.PostAsync("/account/lock", new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("data-testid=\"authenticator-key\">([a-z2-7 ]+)<")]
    private static partial Regex KeyOnPage();

    [GeneratedRegex("<a href=\"([^\"]*)\" data-testid=\"continue\"")]
    private static partial Regex ContinueLink();
}
