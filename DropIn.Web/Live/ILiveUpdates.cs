namespace DropIn.Web.Live;

/// <summary>
/// The change bus: <see cref="InProcessLiveUpdates"/> on one server; <see cref="RedisLiveUpdates"/> when
/// ConnectionStrings:Redis is set, so a change on any server reaches the screens on every server.
/// </summary>
public interface ILiveUpdates
{
    Task PublishAsync(LiveChange change);

    /// <summary>Dispose the result to stop listening (a page does so when it is closed).</summary>
    IDisposable Subscribe(Func<LiveChange, Task> handler);

    /// <summary>
    /// Calls <paramref name="onChange"/> with every change heard on this server, on the thread that hears it and before
    /// any subscriber is handed the change: for a result shared by many screens (<see cref="SharedRead{T}"/>), which
    /// must be stale before a screen re-reads it. Keep it short and never let it throw. Dispose the result to stop.
    /// </summary>
    IDisposable Watch(Action<LiveChange> onChange);

    /// <summary>
    /// Whether every change made on any server reaches this one: always on one server; with Redis, while connected to it.
    /// A result shared between screens is kept only while this is true.
    /// </summary>
    bool HearsEveryServer { get; }
}
