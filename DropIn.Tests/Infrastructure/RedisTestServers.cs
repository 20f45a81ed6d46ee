using System.Diagnostics;
using System.Net.Sockets;
using DropIn.Web.Live;
using DropIn.Web.Security;

namespace DropIn.Tests.Infrastructure;

/// <summary>
/// Settings for app instances that share the test Redis (<see cref="TestServers.Redis"/>) as servers of one
/// deployment do. Each call makes a deployment of its own (its own channel and rate-limit keys), so tests running at
/// the same time never hear each other; give the same settings to every instance of one test.
/// </summary>
public static class SharedRedis
{
    public static Dictionary<string, string?> Settings(string? redis = null, IDictionary<string, string?>? more = null)
    {
        var deployment = $"dropin-test:{Guid.NewGuid():N}:";
        var settings = new Dictionary<string, string?>(more ?? new Dictionary<string, string?>())
        {
            ["ConnectionStrings:" + RedisConnection.Name] = redis ?? TestServers.Redis,
            [LiveSetup.RedisChannelKey] = deployment + "live",
            [ClientRateLimit.RedisKeyPrefixKey] = deployment + "rate:",
        };
        return settings;
    }
}

/// <summary>
/// A Redis server of one test's own, on a loopback port, that the test can stop and start again: what an outage of
/// Redis looks like to the app. The shared test Redis is never stopped.
/// </summary>
public sealed class PrivateRedis : IDisposable
{
    private Process? _server;

    public int Port { get; } = AppFactory.FreePort();

    public string Configuration => $"127.0.0.1:{Port}";

    public async Task StartAsync()
    {
        _server = Process.Start(new ProcessStartInfo("redis-server", ["--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start (bash DropIn.Tests/ScaleOut/servers.sh start installs it).");
        _server.OutputDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Kills the server at once, as a crash would: no goodbye to its clients.</summary>
    public void Stop()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill();
            _server.WaitForExit();
        }

        _server?.Dispose();
        _server = null;
    }

    public void Dispose() => Stop();
}
