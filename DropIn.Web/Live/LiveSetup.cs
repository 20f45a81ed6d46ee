using StackExchange.Redis;

namespace DropIn.Web.Live;

public static class LiveSetup
{
    /// <summary>The Redis channel servers publish changes on; servers sharing one database must share it.</summary>
    public const string RedisChannelKey = "DropIn:Live:RedisChannel";

    public const string DefaultRedisChannel = "dropin:live";

    /// <summary>
    /// One server: changes stay in the process. With ConnectionStrings:Redis, the one Redis connection (every other use
    /// of Redis takes it from here) and a bus that carries changes between servers (<see cref="RedisLiveUpdates"/>).
    /// </summary>
    public static WebApplicationBuilder AddDropInLive(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR();
        if (RedisConnection.IsConfigured(builder.Configuration))
        {
            builder.Services.AddSingleton<IConnectionMultiplexer>(services => RedisConnection.Connect(services.GetRequiredService<IConfiguration>()));
            builder.Services.AddSingleton<RedisLiveUpdates>();
            builder.Services.AddSingleton<ILiveUpdates>(services => services.GetRequiredService<RedisLiveUpdates>());
            builder.Services.AddHostedService(services => services.GetRequiredService<RedisLiveUpdates>());
        }
        else
        {
            builder.Services.AddSingleton<ILiveUpdates, InProcessLiveUpdates>();
        }

        return builder;
    }

    public static WebApplication MapDropInLive(this WebApplication app)
    {
        app.MapHub<DisplayHub>(DisplayHub.Path);
        return app;
    }
}
