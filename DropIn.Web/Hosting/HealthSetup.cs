using System.Text;
using DropIn.Web.Data;
using DropIn.Web.Live;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace DropIn.Web.Hosting;

/// <summary>
/// Two probes for whatever watches the servers (a load balancer, systemd, monitoring), neither needing a sign-in:
/// <c>/healthz</c> says the process answers (200, no dependency checked, so a database outage never gets a live server
/// restarted); <c>/readyz</c> says it can serve: 200 "Ready", or 503 "Not ready: database, redis" naming what is
/// unreachable and nothing more (no exception, host or connection string). Plain text, never cached.
/// </summary>
public static class HealthSetup
{
    public const string LivePath = "/healthz";
    public const string ReadyPath = "/readyz";
    private const string Ready = "ready";

    // Past this a check counts as failed: a probe must answer before the caller gives up on it.
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public static WebApplicationBuilder AddDropInHealth(this WebApplicationBuilder builder)
    {
        var checks = builder.Services.AddHealthChecks()
            .AddDbContextCheck<DropInDbContext>("database", HealthStatus.Unhealthy, [Ready]);
        if (RedisConnection.IsConfigured(builder.Configuration))
        {
            // The server's own connection, not a second one: what it reports is what the live bus and rate limits have.
            checks.AddRedis(services => services.GetRequiredService<IConnectionMultiplexer>(), "redis", HealthStatus.Unhealthy, [Ready]);
        }

        builder.Services.Configure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations)
            {
                registration.Timeout = CheckTimeout;
            }
        });
        return builder;
    }

    public static WebApplication MapDropInHealth(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready), ResponseWriter = WriteAsync }).AllowAnonymous();
        return app;
    }

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "text/plain; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        var failed = report.Entries.Where(entry => entry.Value.Status != HealthStatus.Healthy).Select(entry => entry.Key).ToList();
        var text = failed.Count == 0
            ? (http.Request.Path.StartsWithSegments(LivePath) ? "Alive" : "Ready")
            : "Not ready: " + string.Join(", ", failed);
        return http.Response.WriteAsync(text, Encoding.UTF8);
    }
}
