using System.Net;
using System.Text.RegularExpressions;

namespace DropIn.Tests.Infrastructure;

/// <summary>An HTTP client that signs in through the real sign-in form, cookies and antiforgery token included.</summary>
public static partial class StaffBrowserClient
{
    public static HttpClient Anonymous(AppFactory app) =>
        app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static Task<HttpClient> SignedInAsync(AppFactory app, string email, string password)
    {
        var client = Anonymous(app);
        return SignedInAsync(client, client, email, password);
    }

    /// <summary>Reads the sign-in form with <paramref name="formFrom"/> and posts it with <paramref name="postWith"/> (two instances sharing cookies).</summary>
    public static async Task<HttpClient> SignedInAsync(HttpClient formFrom, HttpClient postWith, string email, string password)
    {
        var form = await formFrom.GetStringAsync("/account/login");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        var response = await postWith.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode}");
        }

        return postWith;
    }

    /// <summary>Signs in with the password and then the authenticator code, as anyone with two-step sign-in does.</summary>
    /// <param name="key">The authenticator key (<see cref="AppFactory.EnrolAuthenticatorAsync"/>).</param>
    public static async Task<HttpClient> SignedInWithCodeAsync(AppFactory app, string email, string password, byte[] key, DateTimeOffset now)
    {
        var client = Anonymous(app);
        var afterPassword = await PostFormAsync(client, "/account/login", "login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
        var secondStep = afterPassword.Headers.Location?.OriginalString ?? throw new InvalidOperationException($"Sign-in as {email} failed: {(int)afterPassword.StatusCode}");
        var path = new Uri(new Uri("http://localhost"), secondStep).PathAndQuery;
        var signedIn = await PostFormAsync(client, path, "two-factor", new Dictionary<string, string> { ["Input.Code"] = AuthenticatorApp.Code(key, now) });
        if (signedIn.StatusCode != HttpStatusCode.Redirect || signedIn.Headers.Location?.OriginalString.Contains("/account/", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"The second step for {email} failed: {(int)signedIn.StatusCode} {signedIn.Headers.Location}");
        }

        return client;
    }

    /// <summary>Posts one of the static sign-in forms as a browser would: the page first, for its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string formName, IDictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(path);
        var form = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = AntiforgeryToken().Match(page).Groups[1].Value,
            ["_handler"] = formName,
        };
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    /// <summary>
    /// Follows the "choose a password" link in <paramref name="mailText"/> (a reset or a new account's invitation) and
    /// posts <paramref name="password"/> on its form, as the person who got the email does.
    /// </summary>
    public static Task<HttpResponseMessage> ChoosePasswordFromEmailAsync(HttpClient client, string mailText, string password)
    {
        var link = new Uri(PasswordLink().Match(mailText).Value);
        return PostFormAsync(client, link.PathAndQuery, "reset-password", new Dictionary<string, string>
        {
            ["Input.Id"] = Uri.UnescapeDataString(Regex.Match(link.Query, "id=([^&]+)").Groups[1].Value),
            ["Input.Token"] = Uri.UnescapeDataString(Regex.Match(link.Query, "token=([^&]+)").Groups[1].Value),
            ["Input.Password"] = password,
            ["Input.Confirm"] = password,
        });
    }

    [GeneratedRegex(@"http\S+reset-password\S+")]
    private static partial Regex PasswordLink();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
