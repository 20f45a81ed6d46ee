using System.Net;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Security;

namespace DropIn.Tests.Integration;

/// <summary>
/// Whose address a request has, over real Kestrel on loopback: X-Forwarded-For counts only when it comes from a proxy
/// named in DropIn:Proxy:KnownProxies. Seen through the per-address allowance of the public forms (2 a minute here).
/// </summary>
public sealed class ProxyHeadersTests
{
    private const string Allowance = "2";

    [Fact]
    public async Task ForwardedFor_FromTheKnownProxy_GivesEachClientItsOwnAllowance()
    {
        await using var app = App(new() { [ProxyHeaders.KnownProxiesKey + ":0"] = "127.0.0.1" });

        var threeClients = await StatusesAsync(app, "203.0.113.1", "203.0.113.2", "203.0.113.3");
        var oneClient = await StatusesAsync(app, "203.0.113.9", "203.0.113.9", "203.0.113.9");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], threeClients);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], oneClient);
    }

    /// <summary>
    /// ASPNETCORE_FORWARDEDHEADERS_ENABLED=true, which the deploy guide used to set, trusted any sender: anyone who
    /// could reach the server could pick a fresh address for every request and never be limited.
    /// </summary>
    [Fact]
    public async Task ForwardedFor_FromAnAddressNotKnownAsTheProxy_IsIgnored()
    {
        await using var app = App(new()
        {
            [ProxyHeaders.KnownProxiesKey + ":0"] = "192.0.2.10",
            ["FORWARDEDHEADERS_ENABLED"] = "true",
        });

        var statuses = await StatusesAsync(app, "203.0.113.1", "203.0.113.2", "203.0.113.3");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task ForwardedFor_WithNoProxyConfigured_IsIgnored()
    {
        await using var app = App([]);

        var statuses = await StatusesAsync(app, "203.0.113.1", "203.0.113.2", "203.0.113.3");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task KnownProxies_NotAnAddress_StopsTheStartNamingTheEntry()
    {
        await using var app = App(new() { [ProxyHeaders.KnownProxiesKey + ":0"] = "nginx.internal" });

        var error = Assert.ThrowsAny<Exception>(() => app.ServerAddress);

        Assert.Contains("\"nginx.internal\", which is not an IP address", error.ToString(), StringComparison.Ordinal);
    }

    private static AppFactory App(Dictionary<string, string?> settings)
    {
        settings["DropIn:Appointments:PublicRequestsPerMinute"] = Allowance;
        return new AppFactory(kestrel: true, settings: settings);
    }

    private static async Task<List<HttpStatusCode>> StatusesAsync(AppFactory app, params string[] forwardedFor)
    {
        using var http = new HttpClient { BaseAddress = app.ServerAddress };
        var statuses = new List<HttpStatusCode>();
        foreach (var client in forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/contact");
            request.Headers.Add("X-Forwarded-For", client);
            statuses.Add((await http.SendAsync(request)).StatusCode);
        }

        return statuses;
    }
}
