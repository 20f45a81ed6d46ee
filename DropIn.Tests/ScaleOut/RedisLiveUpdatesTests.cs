using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using DropIn.Domain.Queue;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace DropIn.Tests.ScaleOut;

/// <summary>
/// Live updates between servers over the real test Redis: a change made on one server reaches the screens and the
/// board clients of another, ids only, and a Redis outage costs a moment of staleness, never a failure.
/// </summary>
public sealed class RedisLiveUpdatesTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task CheckIn_OnOneServer_ReachesTheScreensAndTheBoardOnTheOther()
    {
        var deployment = SharedRedis.Settings(more: AppFactory.AlwaysOpen());
        await using var a = new AppFactory(settings: deployment);
        await using var b = new AppFactory(kestrel: true, settings: deployment);
        var queueOnA = new QueueHarness(a);
        var reception = await queueOnA.ReceptionAsync();
        var boardAddress = new Uri(b.ServerAddress, DisplayHub.Path);
        using var screensOnA = Changes.Listen(a);
        using var screensOnB = Changes.Listen(b);
        await using var boardOnB = new HubConnectionBuilder().WithUrl(boardAddress).Build();
        var boardGot = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
        boardOnB.On<Guid, DropIn.Web.Features.Queue.QueuePositions?>(DisplayHub.QueueChangedMessage, (id, _) => boardGot.TrySetResult(id));
        await boardOnB.StartAsync();

        var ticket = await queueOnA.CheckInAsync(reception, "Ada Lovelace");

        Assert.Equal(ticket.SessionId, ((QueueChanged)await screensOnB.NextAsync(c => c is QueueChanged)).SessionId);
        Assert.Equal(ticket.SessionId, await boardGot.Task.WaitAsync(Soon));
        // A server hears its own changes back from Redis and ignores them: its screens are told once, not twice.
        await Task.Delay(500);
        Assert.Equal(screensOnB.Count<QueueChanged>(), screensOnA.Count<QueueChanged>());
    }

    [Fact]
    public async Task TheWire_CarriesIdsOnly_NeverANameTopicOrEmail()
    {
        var deployment = SharedRedis.Settings(more: AppFactory.AlwaysOpen());
        await using var app = new AppFactory(settings: deployment);
        var queue = new QueueHarness(app);
        var reception = await queue.ReceptionAsync();
        await using var listener = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        var heard = new ConcurrentQueue<string>();
        await listener.GetSubscriber().SubscribeAsync(RedisChannel.Literal(deployment[LiveSetup.RedisChannelKey]!), (_, message) => heard.Enqueue(message.ToString()));

        var ticket = await queue.CheckInAsync(reception, new StudentDetails("Zebedee Quartermaine", "zq99@cam.ac.uk", "Peterhouse", "Plagiarism hearing", true, "Hearing loop"));
        await EventuallyAsync(() => Task.FromResult(heard.Any(m => m.Contains("QueueChanged", StringComparison.Ordinal))));

        using var json = JsonDocument.Parse(heard.First(m => m.Contains("QueueChanged", StringComparison.Ordinal)));
        Assert.Equal("QueueChanged", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal(ticket.SessionId, json.RootElement.GetProperty("change").GetProperty("sessionId").GetGuid());
        Assert.Equal([JsonValueKind.String], json.RootElement.GetProperty("change").EnumerateObject().Select(p => p.Value.ValueKind));
        foreach (var secret in new[] { "Zebedee", "Quartermaine", "zq99", "Peterhouse", "Plagiarism", "Hearing" })
        {
            Assert.All(heard, message => Assert.DoesNotContain(secret, message, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>What keeps the wire to ids: a new kind of change with a name or a topic in it fails here.</summary>
    [Fact]
    public void EveryKindOfChange_CarriesIdsAndDatesOnly()
    {
        var kinds = LiveWire.Kinds().ToList();
        var fields = kinds.SelectMany(kind => kind.GetProperties().Where(p => p.DeclaringType == kind).Select(p => (kind, p))).ToList();

        Assert.Contains(typeof(QueueChanged), kinds);
        Assert.DoesNotContain(typeof(ChangesMayHaveBeenMissed), kinds);
        Assert.All(fields, f => Assert.True(
            f.p.PropertyType == typeof(Guid) || f.p.PropertyType == typeof(DateOnly) || (f.p.PropertyType == typeof(string) && f.p.Name.EndsWith("Id", StringComparison.Ordinal)),
            $"{f.kind.Name}.{f.p.Name} ({f.p.PropertyType.Name}) is not an id or a date"));
    }

    [Fact]
    public async Task RedisGoneForAWhile_TheServerKeepsWorking_AndItsScreensCatchUpWhenRedisIsBack()
    {
        using var redis = new PrivateRedis();
        var deployment = SharedRedis.Settings(redis.Configuration, AppFactory.AlwaysOpen());
        await using var app = new AppFactory(kestrel: true, settings: deployment);
        using var http = new HttpClient { BaseAddress = app.ServerAddress };
        using var screens = Changes.Listen(app);
        await using var board = new HubConnectionBuilder().WithUrl(new Uri(app.ServerAddress, DisplayHub.Path)).Build();
        var boardRefreshes = 0;
        board.On<Guid, DropIn.Web.Features.Queue.QueuePositions?>(DisplayHub.QueueChangedMessage, (id, _) => Interlocked.Add(ref boardRefreshes, id == Guid.Empty ? 1 : 0));
        await board.StartAsync();

        // Down at start: the server starts, serves pages and says it is not ready.
        var notReady = await http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal("Not ready: redis", await notReady.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/contact")).StatusCode);

        await redis.StartAsync();
        await screens.NextAsync(c => c is ChangesMayHaveBeenMissed, TimeSpan.FromSeconds(30));
        await EventuallyAsync(async () => (await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK);
        await EventuallyAsync(() => SubscribedAsync(redis, deployment), TimeSpan.FromSeconds(30));
        var fromElsewhere = Guid.NewGuid();
        await PublishFromAnotherServerAsync(redis, deployment, new QueueChanged(fromElsewhere));
        Assert.Equal(fromElsewhere, ((QueueChanged)await screens.NextAsync(c => c is QueueChanged q && q.SessionId == fromElsewhere)).SessionId);

        // Gone while running: pages and rate-limited forms still answer, changes still reach this server's screens.
        redis.Stop();
        await EventuallyAsync(async () => (await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/contact")).StatusCode);
        var local = Guid.NewGuid();
        await app.Services.GetRequiredService<ILiveUpdates>().PublishAsync(new QueueChanged(local));
        await screens.NextAsync(c => c is QueueChanged q && q.SessionId == local);

        // Back: every screen re-reads once, for whatever it may have missed, and changes flow again.
        var caughtUp = screens.Count<ChangesMayHaveBeenMissed>();
        await redis.StartAsync();
        await EventuallyAsync(async () => (await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        await EventuallyAsync(() => SubscribedAsync(redis, deployment), TimeSpan.FromSeconds(30));
        await EventuallyAsync(() => Task.FromResult(screens.Count<ChangesMayHaveBeenMissed>() > caughtUp));
        await EventuallyAsync(() => Task.FromResult(Volatile.Read(ref boardRefreshes) >= 2)); // the board catches up too, both times
        var again = Guid.NewGuid();
        await PublishFromAnotherServerAsync(redis, deployment, new QueueChanged(again));
        await screens.NextAsync(c => c is QueueChanged q && q.SessionId == again);
    }

    private static async Task PublishFromAnotherServerAsync(PrivateRedis redis, Dictionary<string, string?> deployment, LiveChange change)
    {
        await using var other = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        await other.GetSubscriber().PublishAsync(RedisChannel.Literal(deployment[LiveSetup.RedisChannelKey]!), LiveWire.ForThisApp().Write(Guid.NewGuid(), change));
    }

    /// <summary>Whether the app listens on the channel again (Redis's own count of subscribers).</summary>
    private static async Task<bool> SubscribedAsync(PrivateRedis redis, Dictionary<string, string?> deployment)
    {
        await using var probe = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var reply = (RedisResult[])(await probe.GetDatabase().ExecuteAsync("PUBSUB", "NUMSUB", deployment[LiveSetup.RedisChannelKey]!))!;
        return (long)reply[1] > 0;
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Still not so when the time ran out");
            await Task.Delay(100);
        }
    }

    /// <summary>What the screens on one server are told, in order (a subscription as every screen has).</summary>
    private sealed class Changes : IDisposable
    {
        private readonly ConcurrentQueue<LiveChange> _seen = new();
        private readonly SemaphoreSlim _arrived = new(0);
        private IDisposable _subscription = default!;

        public static Changes Listen(AppFactory app)
        {
            var changes = new Changes();
            changes._subscription = app.Services.GetRequiredService<ILiveUpdates>().Subscribe(change =>
            {
                changes._seen.Enqueue(change);
                changes._arrived.Release();
                return Task.CompletedTask;
            });
            return changes;
        }

        public int Count<T>() => _seen.OfType<T>().Count();

        public async Task<LiveChange> NextAsync(Func<LiveChange, bool> match, TimeSpan? within = null)
        {
            var deadline = DateTime.UtcNow + (within ?? Soon);
            while (true)
            {
                if (_seen.FirstOrDefault(match) is { } found)
                {
                    return found;
                }

                var left = deadline - DateTime.UtcNow;
                Assert.True(left > TimeSpan.Zero, "The change did not arrive in time");
                await _arrived.WaitAsync(left);
            }
        }

        public void Dispose()
        {
            _subscription.Dispose();
            _arrived.Dispose();
        }
    }
}
