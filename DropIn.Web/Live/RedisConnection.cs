using StackExchange.Redis;

namespace DropIn.Web.Live;

/// <summary>The one Redis connection a server holds (StackExchange.Redis multiplexes every use over it).</summary>
public static class RedisConnection
{
    /// <summary>ConnectionStrings:Redis, a StackExchange.Redis configuration string ("host:port,password=…").</summary>
    public const string Name = "Redis";

    /// <summary>Whether this server uses Redis: the live bus, the rate limits and /readyz then do.</summary>
    public static bool IsConfigured(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration.GetConnectionString(Name));

    /// <summary>
    /// Connects, but starts even when Redis is down (it keeps trying in the background, and /readyz reports it);
    /// while it is down every command fails at once instead of queueing, so a sign-in or a booking never waits on it.
    /// </summary>
    internal static IConnectionMultiplexer Connect(IConfiguration configuration)
    {
        var options = ConfigurationOptions.Parse(configuration.GetConnectionString(Name)!);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        return ConnectionMultiplexer.Connect(options);
    }
}
