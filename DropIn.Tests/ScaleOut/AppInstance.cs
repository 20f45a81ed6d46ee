using System.Collections.Concurrent;
using System.Diagnostics;

namespace DropIn.Tests.ScaleOut;

/// <summary>
/// One DropIn instance of the cluster: <c>dotnet DropIn.Web.dll</c> in a process of its own on a loopback port. Every
/// line it logs is kept, across restarts (the probe job's firings and any failure are read from them). After
/// <see cref="Kill"/> it can be started again: a new process at the same address, as after a server's restart.
/// </summary>
public sealed class AppInstance(string name, int port, PublishedApp app, IReadOnlyDictionary<string, string?> settings) : IDisposable
{
    private readonly object _gate = new();
    private Process? _process;

    public string Name { get; } = name;

    public int Port { get; } = port;

    public Uri Address { get; } = new($"http://127.0.0.1:{port}/");

    public ConcurrentQueue<LogLine> Log { get; } = new();

    /// <summary>How many times this instance has been started (1 for the first process): its log lines say A1, A2…</summary>
    private int _starts;

    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _process is { HasExited: false };
            }
        }
    }

    public void Start()
    {
        lock (_gate)
        {
            if (_process is { HasExited: false })
            {
                throw new InvalidOperationException($"Instance {Name} is already running.");
            }

            _process?.Dispose();
            var start = app.StartInfo(new Dictionary<string, string?>(settings) { ["ASPNETCORE_URLS"] = Address.ToString().TrimEnd('/') });
            var process = Process.Start(start) ?? throw new InvalidOperationException($"Instance {Name} did not start.");
            var generation = ++_starts;
            process.StandardInput.Close();
            process.OutputDataReceived += (_, e) => Keep(generation, e.Data);
            process.ErrorDataReceived += (_, e) => Keep(generation, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _process = process;
        }
    }

    /// <summary>Waits until <c>/readyz</c> answers 200 (database and Redis reachable).</summary>
    /// <exception cref="InvalidOperationException">The process ended first, or it was not ready in time; the message holds its log.</exception>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (!IsRunning)
            {
                throw new InvalidOperationException($"Instance {Name} stopped before it was ready:\n{Tail()}");
            }

            try
            {
                using var response = await http.GetAsync(Environment.GetEnvironmentVariable("SMOKE_READY") ?? "/readyz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException($"Instance {Name} was not ready within {timeout}:\n{Tail()}");
    }

    /// <summary>SIGKILL, as <c>kill -9</c> or a crash: nothing is flushed, nothing shuts down cleanly.</summary>
    public async Task KillAsync()
    {
        Process? process;
        lock (_gate)
        {
            process = _process;
        }

        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>The last lines logged, for a failure message.</summary>
    public string Tail(int lines = 60) => string.Join('\n', Log.TakeLast(lines).Select(l => l.ToString()));

    /// <summary>Warnings and errors logged since <paramref name="since"/>.</summary>
    public IEnumerable<LogLine> Problems(DateTimeOffset since) =>
        Log.Where(l => l.At >= since && (l.Text.StartsWith("warn:", StringComparison.Ordinal) || l.Text.StartsWith("fail:", StringComparison.Ordinal)
            || l.Text.StartsWith("crit:", StringComparison.Ordinal) || l.Text.Contains("Unhandled exception", StringComparison.Ordinal)));

    public void Dispose()
    {
        lock (_gate)
        {
            if (_process is { HasExited: false })
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }

            _process?.Dispose();
            _process = null;
        }
    }

    private void Keep(int generation, string? line)
    {
        if (line is not null)
        {
            Log.Enqueue(new LogLine(DateTimeOffset.UtcNow, $"{Name}{generation}", line));
        }
    }
}

/// <summary>A line an instance logged, with when it arrived and which instance (and which start of it: A1, A2…).</summary>
public sealed record LogLine(DateTimeOffset At, string Instance, string Text)
{
    public override string ToString() => $"{At:HH:mm:ss.fff} {Instance} {Text}";
}
