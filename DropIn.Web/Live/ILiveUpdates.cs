namespace DropIn.Web.Live;

/// <summary>The change bus. In-process on one server; a Redis-backed implementation replaces it when scaled out.</summary>
public interface ILiveUpdates
{
    Task PublishAsync(LiveChange change);

    /// <summary>Dispose the result to stop listening (a page does so when it is closed).</summary>
    IDisposable Subscribe(Func<LiveChange, Task> handler);
}
