using System.Diagnostics;
using System.Net;

namespace DropIn.Tests.Infrastructure;

/// <summary>
/// The built app as a process of its own (<c>dotnet DropIn.Web.dll</c>) on a loopback port, environment Testing, over
/// a given data folder: a second server, for what only separate processes show.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    private AppProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>What the app has written so far (console log and errors), for a failing test to show.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>Starts the app and waits until it answers (at most two minutes on a busy machine).</summary>
    public static async Task<AppProcess> StartAsync(string dataFolder, params string[] settings)
    {
        var address = new Uri($"http://127.0.0.1:{AppFactory.FreePort()}");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "DropIn.Web.dll"), "--urls", address.ToString(),
            $"--DropIn:DataFolder={dataFolder}", "--DropIn:Jobs:Enabled=false", "--DropIn:Security:SignInsPerMinute=10000", "--DropIn:Security:RequireTwoFactor=false", .. settings])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        var app = new AppProcess(Process.Start(start)!, address);
        app._process.OutputDataReceived += (_, line) => app._output.Enqueue(line.Data ?? "");
        app._process.ErrorDataReceived += (_, line) => app._output.Enqueue(line.Data ?? "");
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (app._process.HasExited)
            {
                app._process.WaitForExit(); // the rest of its output
                throw new InvalidOperationException($"The app exited with {app._process.ExitCode} before it answered:{Environment.NewLine}{string.Join(Environment.NewLine, app._output.TakeLast(40))}");
            }

            try
            {
                if ((await probe.GetAsync("/account/login")).StatusCode == HttpStatusCode.OK)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        app.Dispose();
        throw new TimeoutException("The app did not answer within two minutes.");
    }

    /// <summary>Ends the process (only this one and its children) and waits for it.</summary>
    public void Stop()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
    }
}
