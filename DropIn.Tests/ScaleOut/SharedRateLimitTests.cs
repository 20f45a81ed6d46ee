using System.Net;
using System.Text.RegularExpressions;
using DropIn.Tests.Infrastructure;

namespace DropIn.Tests.ScaleOut;

/// <summary>
/// With Redis, the sign-in and public-form allowances hold across servers: a client whose requests are spread over two
/// servers (no sticky balancing, or a failover) gets the allowance once, not once per server. Over the real test Redis.
/// </summary>
public sealed partial class SharedRateLimitTests
{
    [Fact]
    public async Task SignIns_SpreadOverTwoServers_ShareOneAllowance()
    {
        var deployment = SharedRedis.Settings(more: new Dictionary<string, string?> { ["DropIn:Security:SignInsPerMinute"] = "3" });
        await using var a = new AppFactory(settings: deployment);
        await using var b = new AppFactory(settings: deployment);
        await a.StaffAsync("Rita Reception", DropIn.Web.Security.Roles.Reception);
        var onA = StaffBrowserClient.Anonymous(a);
        var onB = StaffBrowserClient.Anonymous(b);

        var statuses = new List<HttpStatusCode>();
        foreach (var client in new[] { onA, onB, onA, onB, onA })
        {
            statuses.Add((await PostSignInAsync(client, "wrong-password")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task PublicForms_SpreadOverTwoServers_ShareOneAllowance()
    {
        var deployment = SharedRedis.Settings(more: new Dictionary<string, string?> { ["DropIn:Appointments:PublicRequestsPerMinute"] = "4" });
        await using var a = new AppFactory(settings: deployment);
        await using var b = new AppFactory(settings: deployment);
        using var onA = a.CreateClient();
        using var onB = b.CreateClient();

        var statuses = new List<HttpStatusCode>();
        foreach (var client in new[] { onA, onB, onA, onB, onA, onB })
        {
            statuses.Add((await client.GetAsync("/contact")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task PublicForms_AtTheSameMomentOnTwoServers_NeverPassMoreThanTheAllowance()
    {
        var deployment = SharedRedis.Settings(more: new Dictionary<string, string?> { ["DropIn:Appointments:PublicRequestsPerMinute"] = "5" });
        await using var a = new AppFactory(settings: deployment);
        await using var b = new AppFactory(settings: deployment);
        using var onA = a.CreateClient();
        using var onB = b.CreateClient();
        await Task.WhenAll(a.StaffAsync("Warm Up", DropIn.Web.Security.Roles.Reception), b.StaffAsync("Warm Up", DropIn.Web.Security.Roles.Reception));
        var statuses = new List<HttpStatusCode>();

        await AtOnce.RunAsync(Enumerable.Range(0, 12).Select<int, Func<Task>>(i => async () =>
        {
            var status = (await (i % 2 == 0 ? onA : onB).GetAsync("/contact")).StatusCode;
            lock (statuses)
            {
                statuses.Add(status);
            }
        }).ToArray());

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(7, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    private static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string password)
    {
        var token = Token().Match(await client.GetStringAsync("/account/login")).Groups[1].Value;
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = AppFactory.EmailOf("Rita Reception"),
            ["Input.Password"] = password,
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
