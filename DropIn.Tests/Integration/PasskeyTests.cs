using System.Buffers.Text;
using System.Net;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Features.Account;
using DropIn.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

/// <summary>
/// Passkey management over the real forms: adding and removing need a recent sign-in, a person reaches only their
/// own passkeys, a passkey post without a challenge or with nonsense is a message, and a lost-device reset removes
/// them. Making and using a real passkey is in <c>PasskeyBrowserTests</c> (Chromium's virtual authenticator).
/// </summary>
public sealed class PasskeyTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly AppFactory _app;

    public PasskeyTests() => _app = new AppFactory(clock: _clock);

    public async ValueTask InitializeAsync()
    {
        await _app.StaffAsync("Cara Caseworker", Roles.Caseworker);
        await _app.StaffAsync("Dev Caseworker", Roles.Caseworker);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task RemovingAPasskey_AfterFiveMinutes_AsksForThePasswordFirst_AndKeepsIt()
    {
        var id = await GivePasskeyAsync("Cara Caseworker", "Work laptop");
        var client = await StaffBrowserClient.SignedInAsync(_app, AppFactory.EmailOf("Cara Caseworker"), AppFactory.StaffPassword);
        _clock.Advance(TimeSpan.FromMinutes(6));

        var page = await client.GetStringAsync("/account/security");
        Assert.Contains("Work laptop", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Add a passkey", page, StringComparison.Ordinal);
        var removal = await StaffBrowserClient.PostFormAsync(client, "/account/security", "passkey-remove-0", new Dictionary<string, string> { ["Passkey.Id"] = id });
        var options = await PostOptionsAsync(client, AccountEndpoints.PasskeyCreationOptionsPath);

        Assert.Equal(HttpStatusCode.Redirect, removal.StatusCode);
        Assert.StartsWith(RecentSignIn.ConfirmPath, removal.Headers.Location!.PathAndQueryOf(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, options.StatusCode);
        Assert.Contains("Confirm it is you", await options.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await PasskeyCountAsync("Cara Caseworker"));
    }

    [Fact]
    public async Task RemovingAPasskey_JustAfterSigningIn_RemovesIt_AndIsAudited()
    {
        var id = await GivePasskeyAsync("Cara Caseworker", "Work laptop");
        var client = await StaffBrowserClient.SignedInAsync(_app, AppFactory.EmailOf("Cara Caseworker"), AppFactory.StaffPassword);

        var removal = await StaffBrowserClient.PostFormAsync(client, "/account/security", "passkey-remove-0", new Dictionary<string, string> { ["Passkey.Id"] = id });

        Assert.Contains("removed. It no longer signs you in.", await removal.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await PasskeyCountAsync("Cara Caseworker"));
        Assert.True(await _app.UseAsync<DropInDbContext, bool>(db => db.AuditEntries.AnyAsync(e => e.Action == "passkey.remove")));
    }

    [Fact]
    public async Task AnotherPersonsPasskey_CannotBeRenamedOrRemoved()
    {
        var devs = await GivePasskeyAsync("Dev Caseworker", "Dev's phone");
        await GivePasskeyAsync("Cara Caseworker", "Work laptop");
        var cara = await StaffBrowserClient.SignedInAsync(_app, AppFactory.EmailOf("Cara Caseworker"), AppFactory.StaffPassword);

        var rename = await StaffBrowserClient.PostFormAsync(cara, "/account/security", "passkey-rename-0", new Dictionary<string, string> { ["Passkey.Id"] = devs, ["Passkey.Name"] = "Mine now" });
        var remove = await StaffBrowserClient.PostFormAsync(cara, "/account/security", "passkey-remove-0", new Dictionary<string, string> { ["Passkey.Id"] = devs });

        Assert.Contains("not on your account", await rename.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("not on your account", await remove.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await PasskeyCountAsync("Dev Caseworker"));
        Assert.Equal("Dev's phone", await _app.UseAsync<UserManager<StaffUser>, string?>(async users =>
            (await users.GetPasskeysAsync((await users.FindByEmailAsync(AppFactory.EmailOf("Dev Caseworker")))!)).Single().Name));
    }

    [Fact]
    public async Task APasskeySignIn_WithoutAChallenge_OrWithNonsense_IsAMessage_AndSignsNobodyIn()
    {
        var client = StaffBrowserClient.Anonymous(_app);

        var noChallenge = await StaffBrowserClient.PostFormAsync(client, "/account/login", "passkey-login", new Dictionary<string, string> { ["Passkey.CredentialJson"] = "{}" });
        Assert.Equal(HttpStatusCode.OK, noChallenge.StatusCode);
        Assert.Contains("took too long", await noChallenge.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var options = await PostOptionsAsync(client, AccountEndpoints.PasskeyRequestOptionsPath);
        Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        var json = await options.Content.ReadAsStringAsync();
        Assert.Contains("\"challenge\"", json, StringComparison.Ordinal);
        Assert.Contains("\"userVerification\":\"required\"", json, StringComparison.Ordinal);
        var nonsense = await PostLoginFormKeepingStateAsync(client, new Dictionary<string, string> { ["Passkey.CredentialJson"] = "{\"id\":\"AAAA\",\"type\":\"public-key\"}" });
        Assert.Equal(HttpStatusCode.OK, nonsense.StatusCode);
        Assert.Contains("DropIn does not recognise that passkey", await nonsense.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var cancelled = await StaffBrowserClient.PostFormAsync(client, "/account/login", "passkey-login", new Dictionary<string, string> { ["Passkey.Error"] = "cancelled" });
        Assert.Contains("The passkey was not used", await cancelled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/queue")).StatusCode);
    }

    [Fact]
    public async Task TheOptionsEndpoints_RefuseAPostWithoutTheFormsToken_InWords()
    {
        var client = StaffBrowserClient.Anonymous(_app);

        var response = await client.PostAsync(AccountEndpoints.PasskeyRequestOptionsPath, new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Reload it", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AManagersLostDeviceReset_RemovesThePersonsPasskeys()
    {
        await GivePasskeyAsync("Cara Caseworker", "Lost phone");
        var manager = await _app.StaffAsync("Mo Manager", Roles.Manager);
        var cara = await _app.UseAsync<DropInDbContext, string>(db => db.Users.Where(u => u.Email == AppFactory.EmailOf("Cara Caseworker")).Select(u => u.Id).SingleAsync());

        await _app.UseAsync<StaffAccountService>(accounts => accounts.ResetTwoFactorAsync(manager, cara));

        Assert.Equal(0, await PasskeyCountAsync("Cara Caseworker"));
    }

    /// <summary>A stored passkey as Identity keeps one after a real registration; enough for managing it, not for signing in.</summary>
    private Task<string> GivePasskeyAsync(string name, string label) => _app.UseAsync<UserManager<StaffUser>, string>(async users =>
    {
        var user = (await users.FindByEmailAsync(AppFactory.EmailOf(name)))!;
        var credentialId = System.Security.Cryptography.RandomNumberGenerator.GetBytes(16);
        var passkey = new UserPasskeyInfo(credentialId, [1, 2, 3], _clock.GetUtcNow(), 0, ["internal"], true, false, false, [0], [0]) { Name = label };
        Assert.True((await users.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded);
        return Base64Url.EncodeToString(credentialId);
    });

    private Task<int> PasskeyCountAsync(string name) => _app.UseAsync<UserManager<StaffUser>, int>(async users =>
        (await users.GetPasskeysAsync((await users.FindByEmailAsync(AppFactory.EmailOf(name)))!)).Count);

    private static async Task<HttpResponseMessage> PostOptionsAsync(HttpClient client, string path)
    {
        var token = await TokenAsync(client, path == AccountEndpoints.PasskeyRequestOptionsPath ? "/account/login" : "/account/security");
        return await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
    }

    /// <summary>Posts the passkey sign-in form without reading the page again, which would not matter but keeps it as a browser does.</summary>
    private static async Task<HttpResponseMessage> PostLoginFormKeepingStateAsync(HttpClient client, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await TokenAsync(client, "/account/login");
        fields["_handler"] = "passkey-login";
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(fields));
    }

    private static async Task<string> TokenAsync(HttpClient client, string page) =>
        System.Text.RegularExpressions.Regex.Match(await client.GetStringAsync(page), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
}
