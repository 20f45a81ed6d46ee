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
}
