using System.Net;
using System.Text.RegularExpressions;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Security;
using DropIn.Web.Security.TwoFactor;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

/// <summary>
/// Two-step sign-in as staff meet it: set up the authenticator app at the first sign-in, a code at every sign-in
/// after, each code and recovery code good once, a password reset that still asks for the code, and a fresh
/// password and code before anything is exported.
/// </summary>
public sealed partial class TwoFactorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly AppFactory _app;

    public TwoFactorTests() =>
        _app = new AppFactory(clock: _clock, settings: new Dictionary<string, string?> { ["DropIn:Security:RequireTwoFactor"] = "true" });

    public async ValueTask InitializeAsync() => await _app.StaffAsync("Cara Caseworker", Roles.Caseworker);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static string Email => AppFactory.EmailOf("Cara Caseworker");

    [Fact]
    public async Task FirstSignIn_SetsUpTheApp_ThenEverySignInAsksForACode()
    {
        var (client, key) = await EnrolAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/queue")).StatusCode);

        var second = StaffBrowserClient.Anonymous(_app);
        var afterPassword = await PasswordAsync(second, AppFactory.StaffPassword);
        Assert.StartsWith(StaffSignIn.TwoFactorPath, afterPassword.Headers.Location!.PathAndQueryOf(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/queue")).StatusCode); // not in yet

        _clock.Advance(TimeSpan.FromSeconds(30));
        var signedIn = await CodeAsync(second, AuthenticatorApp.Code(key, _clock.GetUtcNow()));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/queue")).StatusCode);
    }

    [Fact]
    public async Task ACode_WorksOnlyOnce_EvenOnAnotherTablet()
    {
        var (_, key) = await EnrolAsync();
        _clock.Advance(TimeSpan.FromSeconds(30));
        var code = AuthenticatorApp.Code(key, _clock.GetUtcNow());

        var first = StaffBrowserClient.Anonymous(_app);
        await PasswordAsync(first, AppFactory.StaffPassword);
        await CodeAsync(first, code);
        var other = StaffBrowserClient.Anonymous(_app);
        await PasswordAsync(other, AppFactory.StaffPassword);
        var replay = await CodeAsync(other, code);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("has been used already", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/queue")).StatusCode);
    }

    [Fact]
    public async Task TheCodeBefore_StillWorks_AsAPhoneRunsALittleSlow_ButNotTheOneBeforeThat()
    {
        var (_, key) = await EnrolAsync();
        _clock.Advance(TimeSpan.FromSeconds(90));

        var tablet = StaffBrowserClient.Anonymous(_app);
        await PasswordAsync(tablet, AppFactory.StaffPassword);
        var aMinuteOld = await CodeAsync(tablet, AuthenticatorApp.Code(key, _clock.GetUtcNow().AddSeconds(-60)));
        Assert.Contains("That code is not right", await aMinuteOld.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var halfAMinuteOld = await CodeAsync(tablet, AuthenticatorApp.Code(key, _clock.GetUtcNow().AddSeconds(-30)));

        Assert.Equal(HttpStatusCode.Redirect, halfAMinuteOld.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tablet.GetAsync("/queue")).StatusCode);
    }

    [Fact]
    public async Task TheQrCode_CarriesTheKeyOnThePage_ForThisAccount_InTheFormatAppsRead()
    {
        var client = StaffBrowserClient.Anonymous(_app);
        await PasswordAsync(client, AppFactory.StaffPassword);
        var shown = KeyOnPage().Match(await client.GetStringAsync(StaffSignIn.SetupPath)).Groups[1].Value;

        var setup = await _app.UseAsync<Microsoft.AspNetCore.Identity.UserManager<StaffUser>, AuthenticatorSetup>(async users =>
            await _app.UseAsync<TwoFactorService, AuthenticatorSetup>(async twoFactor => await twoFactor.SetupAsync((await users.FindByEmailAsync(Email))!)));

        // Google's key URI format (github.com/google/google-authenticator/wiki/Key-Uri-Format).
        var uri = new Uri(setup.OtpAuthUri);
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        Assert.Equal(("otpauth", "totp"), (uri.Scheme, uri.Host));
        Assert.Equal("DropIn Student Advice:" + Email, Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')));
        Assert.Equal(AuthenticatorApp.Key(shown), OtpNet.Base32Encoding.ToBytes(query["secret"]!));
        Assert.Equal("DropIn Student Advice", query["issuer"]);
        Assert.Equal(("SHA1", "6", "30"), (query["algorithm"] ?? "SHA1", query["digits"], query["period"]));
        Assert.Contains("<svg", setup.QrSvg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARecoveryCode_SignsInOnce()
    {
        var (_, _, codes) = await EnrolWithCodesAsync();

        var lostPhone = StaffBrowserClient.Anonymous(_app);
        await PasswordAsync(lostPhone, AppFactory.StaffPassword);
        Assert.Equal(HttpStatusCode.Redirect, (await CodeAsync(lostPhone, codes[0])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lostPhone.GetAsync("/queue")).StatusCode);

        var again = StaffBrowserClient.Anonymous(_app);
        await PasswordAsync(again, AppFactory.StaffPassword);
        Assert.Equal(HttpStatusCode.OK, (await CodeAsync(again, codes[0])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync("/queue")).StatusCode);
    }

    [Fact]
    public async Task TheDatabase_HoldsNeitherTheKeyNorTheRecoveryCodes_AsText()
    {
        var (_, key, codes) = await EnrolWithCodesAsync();

        var tokens = await _app.UseAsync<DropInDbContext, List<string?>>(db => db.UserTokens.Select(t => t.Value).ToListAsync());

        Assert.NotEmpty(tokens);
        Assert.DoesNotContain(tokens, t => t!.Contains(OtpNet.Base32Encoding.ToString(key), StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(tokens, t => codes.Any(c => t!.Contains(c, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task WrongCodes_LockTheAccount()
    {
        await EnrolAsync();
        var guesser = StaffBrowserClient.Anonymous(_app);
        await PasswordAsync(guesser, AppFactory.StaffPassword);

        HttpResponseMessage last = null!;
        for (var i = 0; i < 5; i++)
        {
            last = await CodeAsync(guesser, "000000");
        }

        Assert.Contains("This account is locked", await last.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordReset_ChangesThePassword_ButTheCodeIsStillAskedFor()
    {
        await EnrolAsync();
        var someone = StaffBrowserClient.Anonymous(_app);
        await StaffBrowserClient.PostFormAsync(someone, "/account/forgot-password", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = Email });
        var mail = await _app.UseAsync<DropInDbContext, string>(async db => (await db.Outbox.SingleAsync(m => m.To == Email)).TextBody);
        var reset = await StaffBrowserClient.ChoosePasswordFromEmailAsync(someone, mail, "a new long passphrase for cara");
        Assert.Contains("Your password has been changed", await reset.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var afterPassword = await PasswordAsync(someone, "a new long passphrase for cara");
        Assert.StartsWith(StaffSignIn.TwoFactorPath, afterPassword.Headers.Location!.PathAndQueryOf(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await someone.GetAsync("/queue")).StatusCode);
    }

    [Fact]
    public async Task ForgotPassword_SaysTheSameForAnUnknownAddress_AndSendsNothing()
    {
        var someone = StaffBrowserClient.Anonymous(_app);

        var page = await StaffBrowserClient.PostFormAsync(someone, "/account/forgot-password", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = "nobody@staff.test" });

        Assert.Contains("If that address belongs to a staff account", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await _app.UseAsync<DropInDbContext, int>(db => db.Outbox.CountAsync()));
    }

    [Fact]
    public async Task AManagersReset_EndsTheOldPhonesCodes_AndTheNextSignInSetsUpAgain()
    {
        var (_, oldKey) = await EnrolAsync();
        var manager = await _app.StaffAsync("Mo Manager", Roles.Manager);
        var cara = await _app.UseAsync<DropInDbContext, string>(db => db.Users.Where(u => u.Email == Email).Select(u => u.Id).SingleAsync());

        await _app.UseAsync<StaffAccountService>(accounts => accounts.ResetTwoFactorAsync(manager, cara));

        var client = StaffBrowserClient.Anonymous(_app);
        var afterPassword = await PasswordAsync(client, AppFactory.StaffPassword);
        Assert.StartsWith(StaffSignIn.SetupPath, afterPassword.Headers.Location!.PathAndQueryOf(), StringComparison.Ordinal);
        _clock.Advance(TimeSpan.FromSeconds(30));
        var oldCode = await StaffBrowserClient.PostFormAsync(client, StaffSignIn.SetupPath, "two-factor-setup", new Dictionary<string, string> { ["Input.Code"] = AuthenticatorApp.Code(oldKey, _clock.GetUtcNow()) });
        Assert.Contains("That code is not right", await oldCode.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewRecoveryCodes_NeedThePasswordAndCodeAgain_AfterFiveMinutes()
    {
        var (client, key) = await EnrolAsync();
        _clock.Advance(TimeSpan.FromMinutes(6));

        var tooLate = await StaffBrowserClient.PostFormAsync(client, "/account/security", "new-codes", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, tooLate.StatusCode);
        Assert.StartsWith(RecentSignIn.ConfirmPath, tooLate.Headers.Location!.PathAndQueryOf(), StringComparison.Ordinal);

        var confirmed = await StaffBrowserClient.PostFormAsync(client, tooLate.Headers.Location!.PathAndQueryOf(), "confirm", new Dictionary<string, string>
        {
            ["Input.Password"] = AppFactory.StaffPassword,
            ["Input.Code"] = AuthenticatorApp.Code(key, _clock.GetUtcNow()),
        });
        Assert.Equal("/account/security", confirmed.Headers.Location!.PathAndQueryOf());
        var codes = await StaffBrowserClient.PostFormAsync(client, "/account/security", "new-codes", new Dictionary<string, string>());
        Assert.Contains("Your old recovery codes no longer work", await codes.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<(HttpClient Client, byte[] Key)> EnrolAsync()
    {
        var (client, key, _) = await EnrolWithCodesAsync();
        return (client, key);
    }

    /// <summary>The first sign-in: password, then the set-up page's key typed into "the app", then its code.</summary>
    private async Task<(HttpClient Client, byte[] Key, string[] RecoveryCodes)> EnrolWithCodesAsync()
    {
        var client = StaffBrowserClient.Anonymous(_app);
        var afterPassword = await PasswordAsync(client, AppFactory.StaffPassword);
        Assert.StartsWith(StaffSignIn.SetupPath, afterPassword.Headers.Location!.PathAndQueryOf(), StringComparison.Ordinal);

        var page = await client.GetStringAsync(StaffSignIn.SetupPath);
        var key = AuthenticatorApp.Key(KeyOnPage().Match(page).Groups[1].Value);
        var enrolled = await StaffBrowserClient.PostFormAsync(client, StaffSignIn.SetupPath, "two-factor-setup", new Dictionary<string, string> { ["Input.Code"] = AuthenticatorApp.Code(key, _clock.GetUtcNow()) });
        var html = await enrolled.Content.ReadAsStringAsync();
        Assert.Contains("Keep your recovery codes", html, StringComparison.Ordinal);
        var codes = RecoveryCodes().Matches(html.Split("recovery-codes")[1]).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(TwoFactorService.RecoveryCodeCount, codes.Length);
        return (client, key, codes);
    }

    private static Task<HttpResponseMessage> PasswordAsync(HttpClient client, string password) =>
        StaffBrowserClient.PostFormAsync(client, "/account/login", "login", new Dictionary<string, string> { ["Input.Email"] = Email, ["Input.Password"] = password });

    private static Task<HttpResponseMessage> CodeAsync(HttpClient client, string code) =>
        StaffBrowserClient.PostFormAsync(client, StaffSignIn.TwoFactorPath, "two-factor", new Dictionary<string, string> { ["Input.Code"] = code });

    [GeneratedRegex("data-testid=\"authenticator-key\">([a-z2-7 ]+)<")]
    private static partial Regex KeyOnPage();

    [GeneratedRegex("<li>([^<]+)</li>")]
    private static partial Regex RecoveryCodes();
}

internal static class RedirectExtensions
{
    /// <summary>A sign-in page's redirect may be absolute; the tests care about the path and query only.</summary>
    public static string PathAndQueryOf(this Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
}
