using System.Net;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Security;

namespace DropIn.Tests.Integration;

/// <summary>Who reaches which page over real HTTP, through the real sign-in form.</summary>
public sealed class AccessTests(AccessTests.Fixture fixture) : IClassFixture<AccessTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public AppFactory App { get; } = new(settings: AppFactory.AlwaysOpen());

        public async ValueTask InitializeAsync()
        {
            await App.StaffAsync("Rita Reception", Roles.Reception);
            await App.StaffAsync("Sam Caseworker", Roles.Caseworker);
        }

        public async ValueTask DisposeAsync() => await App.DisposeAsync();
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/queue")]
    [InlineData("/queue/call")]
    [InlineData("/diary")]
    [InlineData("/enquiries")]
    public async Task StaffPage_Anonymous_IsSentToSignIn(string path)
    {
        var response = await StaffBrowserClient.Anonymous(fixture.App).GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [InlineData("/board")]
    [InlineData("/board/live")]
    [InlineData("/account/login")]
    [InlineData("/book")]
    [InlineData("/book/times?kind=Phone&week=1")]
    [InlineData("/book/times?kind=7&week=0")]
    [InlineData("/book/details?kind=Phone&start=1")]
    [InlineData("/book/sent")]
    [InlineData("/contact")]
    [InlineData("/book/manage/not-a-real-token")]
    public async Task PublicPage_Anonymous_IsServed(string path)
    {
        var response = await StaffBrowserClient.Anonymous(fixture.App).GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task DisplayHub_Anonymous_CanConnect()
    {
        var response = await StaffBrowserClient.Anonymous(fixture.App).PostAsync("/hubs/display/negotiate?negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task CaseworkerPage_Reception_IsDenied()
    {
        var reception = await StaffBrowserClient.SignedInAsync(fixture.App, AppFactory.EmailOf("Rita Reception"), AppFactory.StaffPassword);

        var queue = await reception.GetAsync("/queue");
        var call = await reception.GetAsync("/queue/call");

        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, call.StatusCode);
        Assert.StartsWith("/account/access-denied", call.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task CaseworkerPage_Caseworker_IsServed()
    {
        var caseworker = await StaffBrowserClient.SignedInAsync(fixture.App, AppFactory.EmailOf("Sam Caseworker"), AppFactory.StaffPassword);

        var response = await caseworker.GetAsync("/queue/call");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Call next", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignIn_WrongPassword_IsRefusedWithAClearMessage()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => StaffBrowserClient.SignedInAsync(fixture.App, AppFactory.EmailOf("Rita Reception"), "wrong-password-123"));

        Assert.Contains("failed: 200", ex.Message);
    }

    [Fact]
    public async Task SignIn_ReturnUrlToAnotherSite_IsIgnored()
    {
        var client = StaffBrowserClient.Anonymous(fixture.App);
        var form = await client.GetStringAsync("/account/login?returnUrl=//evil.example/");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        var response = await client.PostAsync("/account/login?returnUrl=//evil.example/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = AppFactory.EmailOf("Sam Caseworker"),
            ["Input.Password"] = AppFactory.StaffPassword,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal));
    }
}
