using System.Net;
using System.Text.RegularExpressions;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DropIn.Tests.Integration;

/// <summary>Security headers, sign-out and the idle lock clearing the tablet, sign-in limits, and disabling an account.</summary>
public sealed partial class StaffSessionSecurityTests(StaffSessionSecurityTests.Fixture fixture) : IClassFixture<StaffSessionSecurityTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        // Re-checks every second, so a disabled account's cookie fails within a test's patience.
        public AppFactory App { get; } = new(settings: new Dictionary<string, string?> { ["DropIn:Security:RevalidationSeconds"] = "1" });

        public async ValueTask InitializeAsync()
        {
            await App.StaffAsync("Rita Reception", Roles.Reception);
            await App.StaffAsync("Mo Manager", Roles.Manager);
        }

        public async ValueTask DisposeAsync() => await App.DisposeAsync();
    }

    [Theory]
    [InlineData("/book")]
    [InlineData("/board")]
    [InlineData("/account/login")]
    [InlineData("/no-such-page")]
    public async Task AnyResponse_Anonymous_CarriesTheSecurityHeaders(string path)
    {
        var response = await StaffBrowserClient.Anonymous(fixture.App).GetAsync(path);

        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task StaffPageAndSignIn_AreNeverCached()
    {
        var staff = await SignedInAsync("Rita Reception");

        var page = await staff.GetAsync("/queue");
        var login = await StaffBrowserClient.Anonymous(fixture.App).GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        AssertSecurityHeaders(page);
        // What matters is that the browser keeps no copy; "no-store" may come with "no-cache" depending on which part
        // of the pipeline wrote the header last (antiforgery writes both), so the parsed directive is what is checked.
        Assert.True(page.Headers.CacheControl?.NoStore, $"/queue: Cache-Control {page.Headers.CacheControl}");
        Assert.True(login.Headers.CacheControl?.NoStore, $"/account/login: Cache-Control {login.Headers.CacheControl}");
    }

    [Fact]
    public async Task Logout_ClearsSiteData_AndTheNextSignInStillWorks()
    {
        var staff = await SignedInAsync("Rita Reception");

        var response = await PostFormAsync(staff, "/account/logout", await TokenAsync(staff, "/queue"));
        var afterwards = await staff.GetAsync("/queue");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("\"cache\", \"storage\"", string.Join(", ", response.Headers.GetValues("Clear-Site-Data")));
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
        Assert.StartsWith("/account/login", afterwards.Headers.Location!.PathAndQuery);
        await StaffBrowserClient.SignedInAsync(fixture.App, AppFactory.EmailOf("Rita Reception"), AppFactory.StaffPassword);
    }

    [Fact]
    public async Task Logout_WithoutTheAntiforgeryToken_IsRefused()
    {
        var staff = await SignedInAsync("Rita Reception");

        var response = await PostFormAsync(staff, "/account/logout", token: null);
        var stillIn = await staff.GetAsync("/queue");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
    }

    [Fact]
    public async Task Lock_SignsOutClearsSiteData_AndSignInSaysTheScreenWasLocked()
    {
        var staff = await SignedInAsync("Rita Reception");

        var response = await PostFormAsync(staff, "/account/lock", await TokenAsync(staff, "/queue"), ("returnUrl", "/queue?tab=2"));
        var afterwards = await staff.GetAsync("/queue");
        var login = await staff.GetStringAsync(response.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login?locked=1&ReturnUrl=%2Fqueue%3Ftab%3D2", response.Headers.Location!.OriginalString);
        Assert.Equal("\"cache\", \"storage\"", string.Join(", ", response.Headers.GetValues("Clear-Site-Data")));
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
        Assert.Contains("locked after a period of inactivity", login);
    }

    [Fact]
    public async Task Lock_WithAnotherSiteAsReturnUrl_ReturnsHome()
    {
        var staff = await SignedInAsync("Rita Reception");

        var response = await PostFormAsync(staff, "/account/lock", await TokenAsync(staff, "/queue"), ("returnUrl", "//evil.example/"));

        Assert.Equal("/account/login?locked=1&ReturnUrl=%2F", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Lock_AfterTheCookieHasGone_StillEndsAtTheLockedSignInPage()
    {
        var response = await PostFormAsync(StaffBrowserClient.Anonymous(fixture.App), "/account/lock", token: null, ("returnUrl", "/queue"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login?locked=1&ReturnUrl=%2Fqueue", response.Headers.Location!.OriginalString);
        Assert.False(response.Headers.Contains("Clear-Site-Data"), "a post from elsewhere must not wipe a tablet's drafts");
    }

    [Fact]
    public async Task KeepAlive_WithToken_RenewsTheCookie()
    {
        var staff = await SignedInAsync("Rita Reception");
        var token = await TokenAsync(staff, "/queue");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/keep-alive");
        request.Headers.Add("RequestVerificationToken", token);
        var response = await staff.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("DropIn.Staff=", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/students/not-a-guid")]
    public async Task KeepAlive_FromANotFoundPage_RenewsTheCookie_SoThePageStaysOnScreen(string path)
    {
        var staff = await SignedInAsync("Rita Reception");
        var notFound = await staff.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        var token = Token().Match(await notFound.Content.ReadAsStringAsync()).Groups[1].Value;

        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/keep-alive");
        request.Headers.Add("RequestVerificationToken", token);
        var response = await staff.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public void StaffCookie_LivesNoLongerThanTheIdleLock()
    {
        var cookie = fixture.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>()
            .Get(IdentityConstants.ApplicationScheme);

        Assert.Equal(TimeSpan.FromMinutes(10), cookie.ExpireTimeSpan);
        Assert.True(cookie.SlidingExpiration);
    }

    [Fact]
    public async Task SignIn_AfterFiveWrongPasswords_RightPasswordIsRefusedWithAClearMessage()
    {
        await fixture.App.StaffAsync("Lou Lockout", Roles.Reception);
        var client = StaffBrowserClient.Anonymous(fixture.App);
        for (var i = 0; i < 5; i++)
        {
            await PostSignInAsync(client, AppFactory.EmailOf("Lou Lockout"), "not-the-password-" + i);
        }

        var sixth = await PostSignInAsync(client, AppFactory.EmailOf("Lou Lockout"), AppFactory.StaffPassword);

        Assert.Equal(HttpStatusCode.OK, sixth.StatusCode);
        Assert.Contains("This account is locked", WebUtility.HtmlDecode(await sixth.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task SignIn_TooManyPostsFromOneAddress_AreRefusedForAMinute()
    {
        await using var app = new AppFactory(settings: new Dictionary<string, string?> { ["DropIn:Security:SignInsPerMinute"] = "3" });
        await app.StaffAsync("Rita Reception", Roles.Reception);
        var client = StaffBrowserClient.Anonymous(app);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await PostSignInAsync(client, AppFactory.EmailOf("Rita Reception"), "wrong-" + i)).StatusCode);
        }

        var refused = await PostSignInAsync(client, AppFactory.EmailOf("Rita Reception"), AppFactory.StaffPassword);
        var form = await client.GetAsync("/account/login");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many sign-in attempts", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
    }

    [Fact]
    public async Task DisableStaff_EndsTheOpenSessionAndRefusesSignIn_EnableRestoresIt()
    {
        var manager = await fixture.App.StaffAsync("Mo Manager", Roles.Manager);
        await fixture.App.StaffAsync("Dee Departing", Roles.Caseworker);
        var id = await IdOfAsync("Dee Departing");
        var open = await SignedInAsync("Dee Departing");
        Assert.Equal(HttpStatusCode.OK, (await open.GetAsync("/queue")).StatusCode);

        await fixture.App.UseAsync<StaffAccountService>(s => s.DisableStaffAsync(manager, id));
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // past the 1 s validation interval
        var stale = await open.GetAsync("/queue");
        var signIn = await Record.ExceptionAsync(() => SignedInAsync("Dee Departing"));
        var listed = await fixture.App.UseAsync<StaffAccountService, IReadOnlyList<StaffAccount>>(s => s.ListAsync(manager));

        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.StartsWith("/account/login", stale.Headers.Location!.PathAndQuery);
        Assert.IsType<InvalidOperationException>(signIn);
        Assert.True(listed.Single(a => a.Id == id).IsDisabled);

        await fixture.App.UseAsync<StaffAccountService>(s => s.EnableStaffAsync(manager, id));
        await SignedInAsync("Dee Departing");
    }

    [Fact]
    public async Task DisableStaff_ByReception_IsForbidden()
    {
        var reception = await fixture.App.StaffAsync("Rita Reception", Roles.Reception);
        var id = await IdOfAsync("Mo Manager");

        await Assert.ThrowsAsync<ForbiddenException>(() => fixture.App.UseAsync<StaffAccountService>(s => s.DisableStaffAsync(reception, id)));
    }

    [Fact]
    public async Task DisableStaff_Themselves_IsRefused()
    {
        var manager = await fixture.App.StaffAsync("Mo Manager", Roles.Manager);
        var id = await IdOfAsync("Mo Manager");

        await Assert.ThrowsAsync<DropIn.Domain.RuleException>(() => fixture.App.UseAsync<StaffAccountService>(s => s.DisableStaffAsync(manager, id)));
    }

    private Task<HttpClient> SignedInAsync(string name) =>
        StaffBrowserClient.SignedInAsync(fixture.App, AppFactory.EmailOf(name), AppFactory.StaffPassword);

    private Task<string> IdOfAsync(string name) =>
        fixture.App.UseAsync<UserManager<StaffUser>, string>(async users => (await users.FindByEmailAsync(AppFactory.EmailOf(name)))!.Id);

    private static async Task<string> TokenAsync(HttpClient client, string path) =>
        Token().Match(await client.GetStringAsync(path)).Groups[1].Value;

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string? token, params (string Key, string Value)[] fields)
    {
        var form = fields.ToDictionary(f => f.Key, f => f.Value);
        if (token is not null)
        {
            form["__RequestVerificationToken"] = token;
        }

        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    private static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string email, string password)
    {
        var token = Token().Match(await client.GetStringAsync("/account/login")).Groups[1].Value;
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        string Header(string name) => string.Join(", ", response.Headers.TryGetValues(name, out var values) ? values : []);

        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Header("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", Header("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", Header("Content-Security-Policy"));
        Assert.Equal("nosniff", Header("X-Content-Type-Options"));
        Assert.Equal("DENY", Header("X-Frame-Options"));
        Assert.Equal("no-referrer", Header("Referrer-Policy"));
        Assert.Equal("camera=(self), microphone=(), geolocation=()", Header("Permissions-Policy"));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
