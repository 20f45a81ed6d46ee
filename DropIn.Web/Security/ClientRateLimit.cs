using System.Threading.RateLimiting;
using DropIn.Web.Live;
using RedisRateLimiting;
using StackExchange.Redis;

namespace DropIn.Web.Security;

/// <summary>
/// A fixed allowance of requests per minute for each client address (as the forwarded headers give it, only from a
/// known proxy: <see cref="ProxyHeaders"/>). On one server the count is in memory. With ConnectionStrings:Redis it is
/// kept in Redis (RedisRateLimiting), so the allowance holds across servers rather than multiplying by their number and
/// survives a failover; keys are DropIn:RateLimits:RedisKeyPrefix + limit + address, expiring with their window.
/// </summary>
public static class ClientRateLimit
{
    public const string RedisKeyPrefixKey = "DropIn:RateLimits:RedisKeyPrefix";

    public const string DefaultRedisKeyPrefix = "dropin:rate:";

    /// <summary>The partition for this request under the named limit.</summary>
    /// <param name="limit">The limit's name, part of the key (e.g. "sign-in").</param>
    /// <param name="perMinute">Requests allowed per address in each one-minute window.</param>
    public static RateLimitPartition<string> PerMinute(HttpContext http, string limit, int perMinute)
    {
        var key = limit + ":" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return http.RequestServices.GetService<SharedCounts>() is { } shared
            ? RateLimitPartition.Get(key, shared.Limiter(perMinute))
            : RateLimitPartition.GetFixedWindowLimiter(key, _ => Local(perMinute));
    }

    private static FixedWindowRateLimiterOptions Local(int perMinute) =>
        new() { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Registered only when Redis is configured; holds what the Redis limiters share.</summary>
    internal sealed class SharedCounts(IConnectionMultiplexer redis, IConfiguration configuration, ILogger<SharedCounts> logger)
    {
        private readonly string _prefix = configuration[RedisKeyPrefixKey] is { Length: > 0 } prefix ? prefix : DefaultRedisKeyPrefix;
        private int _failing;

        public Func<string, RateLimiter> Limiter(int perMinute) => key => new FallingBackLimiter(
            new RedisFixedWindowRateLimiter<string>(_prefix + key, new RedisFixedWindowRateLimiterOptions
            {
                ConnectionMultiplexerFactory = () => redis,
                PermitLimit = perMinute,
                Window = TimeSpan.FromMinutes(1),
            }),
            new FixedWindowRateLimiter(Local(perMinute)),
            this);

        // Logged once per outage, not once per request.
        private void Failed(Exception ex)
        {
            if (Interlocked.Exchange(ref _failing, 1) == 0)
            {
                logger.LogWarning("Rate limits count on each server alone: Redis is unreachable ({Error})", ex.GetType().Name);
            }
        }

        private void Succeeded()
        {
            if (Interlocked.Exchange(ref _failing, 0) == 1)
            {
                logger.LogInformation("Rate limits count in Redis again");
            }
        }

        /// <summary>
        /// Counts in Redis; while Redis is unreachable, counts in this server's memory instead (the limit then holds per
        /// server, as on one server) rather than refusing every sign-in and booking or letting them all through.
        /// </summary>
        private sealed class FallingBackLimiter(RateLimiter shared, RateLimiter local, SharedCounts owner) : RateLimiter
        {
            public override TimeSpan? IdleDuration => shared.IdleDuration is { } a && local.IdleDuration is { } b ? (a < b ? a : b) : null;

            public override RateLimiterStatistics? GetStatistics() => local.GetStatistics();

            // The Redis limiter cannot answer without a round trip, so it refuses here and the middleware then waits on
            // AcquireAsync (RedisRateLimiting does the same).
            protected override RateLimitLease AttemptAcquireCore(int permitCount) => shared.AttemptAcquire(permitCount);

            protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
            {
                try
                {
                    var lease = await shared.AcquireAsync(permitCount, cancellationToken);
                    owner.Succeeded();
                    return lease;
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    owner.Failed(ex);
                    return await local.AcquireAsync(permitCount, cancellationToken);
                }
            }

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    shared.Dispose();
                    local.Dispose();
                }

                base.Dispose(disposing);
            }
        }
    }
}
