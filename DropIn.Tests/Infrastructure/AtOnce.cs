namespace DropIn.Tests.Infrastructure;

/// <summary>Actions released at the same moment on the thread pool, as several people pressing at once.</summary>
public static class AtOnce
{
    /// <summary>Each action comes back as null (done) or the exception it threw, in the order given.</summary>
    public static async Task<Exception?[]> RunAsync(params Func<Task>[] actions)
    {
        using var start = new SemaphoreSlim(0, actions.Length);
        var running = actions.Select(action => Task.Run(async () =>
        {
            await start.WaitAsync();
            try
            {
                await action();
                return null;
            }
            catch (Exception ex)
            {
                return ex;
            }
        })).ToArray();
        start.Release(actions.Length);
        return await Task.WhenAll(running);
    }
}
