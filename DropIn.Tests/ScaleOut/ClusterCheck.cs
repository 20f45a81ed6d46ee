using System.Diagnostics;
using DropIn.Tests.Browser;
using Microsoft.Playwright;

namespace DropIn.Tests.ScaleOut;

/// <summary>
/// The scale-out smoke test's checks run one after another (never beside other tests: their timings are the point),
/// against one cluster started for all of them.
/// </summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class ScaleOutCollection : ICollectionFixture<ScaleOutCluster>;

/// <summary>
/// One check of the smoke test: says what it checks and what it measures, starts again an instance an earlier check
/// left down and frees a caseworker it left busy, and afterwards prints what the instances logged as warnings or errors
/// meanwhile.
/// </summary>
public abstract class ClusterCheck(ScaleOutCluster cluster, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly Stopwatch _clock = new();
    private DateTimeOffset _started;

    protected ScaleOutCluster Cluster => cluster;

    public virtual async ValueTask InitializeAsync()
    {
        _started = DateTimeOffset.UtcNow;
        _clock.Start();
        Say($"Cluster: A on {cluster.A.Address}, B on {cluster.B.Address}, nginx on {cluster.Proxy.Address}; started in {cluster.Measured}.");
        await cluster.EnsureRunningAsync();
        await cluster.FreeCaseworkersAsync();
    }

    public virtual ValueTask DisposeAsync()
    {
        var problems = cluster.A.Problems(_started).Concat(cluster.B.Problems(_started)).OrderBy(l => l.At).ToList();
        Say($"Took {_clock.Elapsed.TotalSeconds:0.0} s. Warnings and errors the instances logged meanwhile: {problems.Count}.");
        foreach (var line in problems.Take(40))
        {
            var text = line.ToString();
            Say("  " + (text.Length > 400 ? text[..400] + "…" : text));
        }

        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Writes a line to the test's output and, when <c>DROPIN_SMOKE_LOG</c> names a file (run-tests.sh sets it and
    /// prints the file before its closing count), there too: the test output alone is only in the results file.
    /// </summary>
    protected void Say(string line)
    {
        var stamped = $"[{DateTimeOffset.UtcNow:HH:mm:ss.fff}] {GetType().Name}: {line}";
        output.WriteLine(stamped);
        if (Environment.GetEnvironmentVariable("DROPIN_SMOKE_LOG") is { Length: > 0 } log)
        {
            lock (LogFile)
            {
                File.AppendAllText(log, stamped + Environment.NewLine);
            }
        }
    }

    private static readonly Lock LogFile = new();

    /// <summary>
    /// How long after <paramref name="clock"/> started <paramref name="page"/> showed <paramref name="text"/> inside
    /// <paramref name="selector"/>, looked for every 50 ms (Playwright's own expectations look less often as they wait,
    /// which would blur a measurement), for at most 30 s.
    /// </summary>
    protected static async Task<TimeSpan> SeenAsync(IPage page, string selector, string text, Stopwatch clock)
    {
        await page.WaitForFunctionAsync(
            "([selector, text]) => [...document.querySelectorAll(selector)].some(e => e.textContent.includes(text))",
            new object[] { selector, text }, new PageWaitForFunctionOptions { PollingInterval = 50, Timeout = 30_000 });
        return clock.Elapsed;
    }

    /// <summary>Opens a second tab in the same browser (so the same sign-in) at another instance.</summary>
    protected static async Task<IPage> TabAtAsync(IPage signedIn, AppInstance instance, string path)
    {
        var tab = await signedIn.Context.NewPageAsync();
        await Pages.GotoInteractiveAsync(tab, new Uri(instance.Address, path).ToString());
        return tab;
    }
}
