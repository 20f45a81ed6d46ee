using StackExchange.Redis;

namespace DropIn.Web.Live;

/// <summary>
/// The change bus when several servers share one database (ConnectionStrings:Redis set). A change goes to this
/// server's own screens at once, as on one server, and is published on a Redis channel (DropIn:Live:RedisChannel),
/// ids only (<see cref="LiveWire"/>), with this server's id; every other server hands what it hears to its own screens
/// and, through <see cref="Features.Queue.DisplayHubRelay"/>, its own board clients. No SignalR backplane: docs/decisions/004.
/// </summary>
/// <remarks>
/// Redis pub/sub delivers at most once. While Redis is unreachable a publish fails at once (the connection is set to
/// fail fast, <see cref="RedisConnection"/>) and the change is not queued: this server's screens still get it, the other
/// servers' do not. StackExchange.Redis reconnects by itself and subscribes again; when it does, this server raises
/// <see cref="ChangesMayHaveBeenMissed"/>, so every open screen here re-reads once and the board refreshes. Besides
/// that the queue heartbeat (Jobs/QueueHeartbeatJob, once a minute from an hour before a session to five minutes after
/// it) and the board's own refresh (wwwroot/board.js, every 60 s) cover a change lost in flight; other screens show it
/// at their next change or read. Sign-ins ended elsewhere still take effect within seconds without the bus
/// (Security/StaffAuthenticationStateProvider re-checks every circuit on its own).
/// </remarks>
internal sealed class RedisLiveUpdates : ILiveUpdates, IHostedService
{
    private readonly InProcessLiveUpdates _local;
    private readonly IConnectionMultiplexer _redis;
    private readonly RedisChannel _channel;
    private readonly LiveWire _wire = LiveWire.ForThisApp();
    private readonly ILogger<RedisLiveUpdates> _logger;
    private int _publishFailing;

    public RedisLiveUpdates(IConnectionMultiplexer redis, IConfiguration configuration, ILoggerFactory loggers)
    {
        _redis = redis;
        _channel = RedisChannel.Literal(configuration[LiveSetup.RedisChannelKey] is { Length: > 0 } name ? name : LiveSetup.DefaultRedisChannel);
        _local = new InProcessLiveUpdates(loggers.CreateLogger<InProcessLiveUpdates>());
        _logger = loggers.CreateLogger<RedisLiveUpdates>();
    }

    /// <summary>This server's id on the wire; random at each start, so a restarted server is a new sender.</summary>
    public Guid ServerId { get; } = Guid.NewGuid();

    /// <summary>Delivers here at once and publishes to the other servers without waiting for Redis.</summary>
    public Task PublishAsync(LiveChange change)
    {
        _ = _local.PublishAsync(change);
        if (LiveWire.CrossesServers(change))
        {
            try
            {
                _redis.GetSubscriber().Publish(_channel, _wire.Write(ServerId, change), CommandFlags.FireAndForget);
                Interlocked.Exchange(ref _publishFailing, 0);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // Once per outage, not once per change.
                if (Interlocked.Exchange(ref _publishFailing, 1) == 0)
                {
                    _logger.LogWarning(ex, "Live changes are not reaching the other servers: Redis is unreachable");
                }
            }
        }

        return Task.CompletedTask;
    }

    public IDisposable Subscribe(Func<LiveChange, Task> handler) => _local.Subscribe(handler);

    public IDisposable Watch(Action<LiveChange> onChange) => _local.Watch(onChange);

    /// <summary>
    /// While Redis is connected. From the moment it drops, results shared between screens are not kept: a change made on
    /// another server meanwhile would not make them stale. When it is back, <see cref="ChangesMayHaveBeenMissed"/> does.
    /// </summary>
    public bool HearsEveryServer => _redis.IsConnected;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _redis.ConnectionRestored += OnConnectionRestored;
        try
        {
            await _redis.GetSubscriber().SubscribeAsync(_channel, (_, message) => OnMessage(message));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The subscription is kept and made when the connection comes up; the server starts without Redis (/readyz says so).
            _logger.LogWarning(ex, "Redis is unreachable at start; live changes from other servers arrive once it is back");
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _redis.ConnectionRestored -= OnConnectionRestored;
        try
        {
            await _redis.GetSubscriber().UnsubscribeAsync(_channel);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _logger.LogDebug(ex, "Could not unsubscribe from Redis at shutdown");
        }
    }

    private void OnMessage(RedisValue message)
    {
        if (!_wire.TryRead(message.ToString(), out var from, out var change))
        {
            _logger.LogDebug("Ignored a live change this server cannot read (a newer server's kind?)");
            return;
        }

        if (from != ServerId)
        {
            _ = _local.PublishAsync(change!);
        }
    }

    // Any connection: over RESP3 the subscription shares the interactive one. Two in a row cost one more read at most.
    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        _logger.LogInformation("Redis is back ({Connection}): open screens re-read what they show", e.ConnectionType);
        _ = _local.PublishAsync(new ChangesMayHaveBeenMissed());
    }
}
