using System.Net;
using DropIn.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace DropIn.Tests.Integration;

/// <summary>The probes a load balancer or monitoring calls: no sign-in, plain short answers, never a stack trace.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Healthz_AnswersAlive_WithoutASignInOrAnyDependency()
    {
        await using var app = new AppFactory();
        using var http = StaffBrowserClient.Anonymous(app);

        var alive = await http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal("Alive", await alive.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", alive.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", string.Join(",", alive.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Readyz_WithTheDatabaseReachable_AnswersReady()
    {
        await using var app = new AppFactory();
        using var http = StaffBrowserClient.Anonymous(app);

        var ready = await http.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Ready", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_WithTheDatabaseGone_Answers503NamingIt_AndHealthzStillAlive()
    {
        await using var app = new AppFactory();
        using var http = StaffBrowserClient.Anonymous(app);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);

        // The disk the database lived on is gone: no pooled connection may hide it.
        SqliteConnection.ClearAllPools();
        Directory.Delete(app.DataFolder, recursive: true);
        var notReady = await http.GetAsync("/readyz");
        var alive = await http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal("Not ready: database", await notReady.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task Readyz_WithRedisUnreachable_Answers503NamingIt_NeverTheAddressOrAnException()
    {
        var unreachable = $"127.0.0.1:{AppFactory.FreePort()},password=not-to-be-shown";
        await using var app = new AppFactory(settings: SharedRedis.Settings(unreachable));
        using var http = StaffBrowserClient.Anonymous(app);

        var notReady = await http.GetAsync("/readyz");
        var text = await notReady.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal("Not ready: redis", text);
        Assert.Equal("no-store", notReady.Headers.CacheControl?.ToString());
    }
}
