using System.Net;
using System.Text.RegularExpressions;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Security;
using DropIn.Web.Security.TwoFactor;
using Microsoft.AspNetCore.Identity;

namespace DropIn.Tests.Integration;

/// <summary>
/// Ending a sign-in ends it on the server, not only in the browser that asked: a copy of the cookie taken before
/// signing out, locking, a new password, a lost-phone reset or a disabled account is refused at its next request
/// (accounts are re-checked only every minute here, so nothing but the ending itself can explain it).
/// </summary>
public sealed partial class SignOutTests : IAsyncLifetime
{
    private const string Rita = "Rita Reception";
    private readonly AppFactory _app = new(settings: new Dictionary<string, string?> { ["DropIn:Security:RevalidationSeconds"] = "60" });

    public async ValueTask InitializeAsync()
    {
        await _app.StaffAsync(Rita, Roles.Reception);
        await _app.StaffAsync("Mo Manager", Roles.Manager);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task SignOut_ACopyOfTheOldCookie_IsSentToSignIn()
    {
        var (browser, cookie) = await SignInAsync(Rita);
        Assert.Equal(HttpStatusCode.OK, (await WithCookieAsync(cookie, "/queue")).StatusCode);

        var signedOut = await PostWithTokenAsync(browser, "/account/logout");
        var copy = await WithCookieAsync(cookie, "/queue");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, copy.StatusCode);
        Assert.StartsWith("/account/login", copy.Headers.Location!.PathAndQueryOf(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdleLock_ACopyOfTheOldCookie_IsSentToSignIn_AndCannotKeepItselfAlive()
    {
        var (browser, cookie) = await SignInAsync(Rita);

        await PostWithTokenAsync(browser, "/account/lock");
        var copy = await WithCookieAsync(cookie, "/queue");
        var keepAlive = await WithCookieAsync(cookie, "/account/keep-alive", HttpMethod.Post);

        Assert.Equal(HttpStatusCode.Redirect, copy.StatusCode);
        Assert.StartsWith("/account/login", copy.Headers.Location!.PathAndQueryOf(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, keepAlive.StatusCode);
        Assert.StartsWith("/account/login", keepAlive.Headers.Location!.PathAndQueryOf(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SigningOutOnOneTablet_LeavesTheSamePersonsOtherSignInWorking()
    {
        var (tablet, _) = await SignInAsync(Rita);
        var (_, laptop) = await SignInAsync(Rita);

        await PostWithTokenAsync(tablet, "/account/logout");

        Assert.Equal(HttpStatusCode.OK, (await WithCookieAsync(laptop, "/queue")).StatusCode);
    }

    [Fact]
    public async Task NewPassword_ACopyOfTheOldCookie_IsSentToSignIn()
    {
        var (_, cookie) = await SignInAsync(Rita);
        var token = await _app.UseAsync<UserManager<StaffUser>, string>(async users => await users.GeneratePasswordResetTokenAsync((await users.FindByEmailAsync(AppFactory.EmailOf(Rita)))!));
        var id = await IdOfAsync(Rita);

        Assert.Null(await _app.UseAsync<PasswordReset, string?>(r => r.ResetAsync(id, token, "A-brand-new-passphrase-2026")));
        var copy = await WithCookieAsync(cookie, "/queue");

        Assert.Equal(HttpStatusCode.Redirect, copy.StatusCode);
        Assert.StartsWith("/account/login", copy.Headers.Location!.PathAndQueryOf(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LostPhoneResetOrDisabledAccount_ACopyOfTheOldCookie_IsSentToSignIn()
    {
        var manager = await _app.StaffAsync("Mo Manager", Roles.Manager);
        var rita = await IdOfAsync(Rita);
        var (_, beforeReset) = await SignInAsync(Rita);
        await _app.UseAsync<StaffAccountService>(s => s.ResetTwoFactorAsync(manager, rita));
        var (_, beforeDisable) = await SignInAsync(Rita);
        await _app.UseAsync<StaffAccountService>(s => s.DisableStaffAsync(manager, rita));

        Assert.Equal(HttpStatusCode.Redirect, (await WithCookieAsync(beforeReset, "/queue")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await WithCookieAsync(beforeDisable, "/queue")).StatusCode);
    }

    [Fact]
    public async Task TwoTabsLockingAtTheSameMoment_BothEndAtTheSignInPage()
    {
        var (browser, cookie) = await SignInAsync(Rita);
        var token = await TokenAsync(browser);

        var locks = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => browser.PostAsync("/account/lock",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["returnUrl"] = "/queue" }))));

        Assert.All(locks, l => Assert.Equal("/account/login?locked=1&ReturnUrl=%2Fqueue", l.Headers.Location?.OriginalString));
        Assert.Equal(HttpStatusCode.Redirect, (await WithCookieAsync(cookie, "/queue")).StatusCode);
    }

    private Task<string> IdOfAsync(string name) =>
        _app.UseAsync<UserManager<StaffUser>, string>(async users => (await users.FindByEmailAsync(AppFactory.EmailOf(name)))!.Id);

    /// <summary>A browser that signed in, and the staff cookie it was given (what someone could copy off the tablet).</summary>
    private async Task<(HttpClient Browser, string Cookie)> SignInAsync(string name)
    {
        var browser = StaffBrowserClient.Anonymous(_app);
        var response = await StaffBrowserClient.PostFormAsync(browser, "/account/login", "login",
            new Dictionary<string, string> { ["Input.Email"] = AppFactory.EmailOf(name), ["Input.Password"] = AppFactory.StaffPassword });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("DropIn.Staff=", StringComparison.Ordinal));
        return (browser, cookie.Split(';')[0]);
    }

    /// <summary>A request from another machine carrying only the copied cookie.</summary>
    private async Task<HttpResponseMessage> WithCookieAsync(string cookie, string path, HttpMethod? method = null, HttpContent? content = null)
    {
        using var client = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, path) { Content = content };
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    private static async Task<string> TokenAsync(HttpClient browser) =>
        AntiforgeryToken().Match(await browser.GetStringAsync("/queue")).Groups[1].Value;

    private static async Task<HttpResponseMessage> PostWithTokenAsync(HttpClient browser, string path) =>
        await browser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = await TokenAsync(browser) }));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
