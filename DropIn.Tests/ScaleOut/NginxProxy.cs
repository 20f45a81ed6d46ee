using System.Diagnostics;
using System.Net.Sockets;

namespace DropIn.Tests.ScaleOut;

/// <summary>
/// nginx in front of the instances, as deploy/nginx/dropin-cluster.conf sets it up (without TLS): sticky sessions by client address (a Blazor circuit lives in
/// one instance's memory), the next instance tried when one refuses or times out, an instance that failed left alone for
/// <c>fail_timeout</c>, WebSockets passed through. One process in the foreground (no daemon, no master), so the test
/// owns it and stops it by its id. Each response says which instance answered (X-DropIn-Upstream), for the failover check.
/// </summary>
public sealed class NginxProxy : IDisposable
{
    public const string UpstreamHeader = "x-dropin-upstream";

    private readonly Process _process;

    private NginxProxy(Process process, int port, string folder)
    {
        _process = process;
        Address = new Uri($"http://127.0.0.1:{port}/");
        Folder = folder;
    }

    public Uri Address { get; }

    public string Folder { get; }

    /// <summary>Writes the configuration, checks it with <c>nginx -t</c>, starts nginx and waits until it listens.</summary>
    /// <exception cref="InvalidOperationException">nginx is missing, the configuration is refused, or it did not start.</exception>
    public static async Task<NginxProxy> StartAsync(string folder, int port, IEnumerable<AppInstance> backends)
    {
        Directory.CreateDirectory(Path.Combine(folder, "logs"));
        var servers = string.Join("\n", backends.Select(b => $"        server 127.0.0.1:{b.Port} max_fails=1 fail_timeout=10s;"));
        var temp = string.Join("\n", new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" }.Select(t => $"    {t}_temp_path {folder}/{t}_temp;"));
        var config = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            daemon off;
            master_process off;
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/logs/error.log warn;
            events { worker_connections 512; }
            http {
                access_log {{folder}}/logs/access.log;
            {{temp}}
                map $http_upgrade $connection_upgrade { default upgrade; '' ''; }
                upstream dropin {
                    ip_hash;
            {{servers}}
                    keepalive 16;
                }
                server {
                    listen 127.0.0.1:{{port}};
                    proxy_http_version 1.1;
                    proxy_set_header Host $http_host;
                    proxy_set_header X-Forwarded-For $remote_addr;
                    proxy_set_header X-Forwarded-Proto $scheme;
                    proxy_set_header Upgrade $http_upgrade;
                    proxy_set_header Connection $connection_upgrade;
                    proxy_buffer_size 16k;
                    proxy_buffers 8 16k;
                    proxy_connect_timeout 3s;
                    proxy_next_upstream error timeout;
                    proxy_next_upstream_timeout 15s;
                    proxy_read_timeout 1h;
                    proxy_buffering off;
                    add_header X-DropIn-Upstream $upstream_addr always;
                    location / { proxy_pass http://dropin; }
                }
            }
            """);
        var nginx = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
        var check = Run(nginx, "-t", "-q", "-e", Path.Combine(folder, "logs", "error.log"), "-c", config, "-p", folder);
        await check.WaitForExitAsync();
        if (check.ExitCode != 0)
        {
            throw new InvalidOperationException($"nginx refused its configuration: {await check.StandardError.ReadToEndAsync()}");
        }

        var process = Run(nginx, "-e", Path.Combine(folder, "logs", "error.log"), "-c", config, "-p", folder);
        var proxy = new NginxProxy(process, port, folder);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx stopped at once: {await process.StandardError.ReadToEndAsync()} {proxy.ErrorLog()}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return proxy;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        proxy.Dispose();
        throw new InvalidOperationException("nginx did not listen within 10 s.");
    }

    /// <summary>The instance that answered a response through the proxy: the last address nginx tried.</summary>
    public static int? UpstreamPort(IReadOnlyDictionary<string, string> headers) =>
        headers.TryGetValue(UpstreamHeader, out var tried) && int.TryParse(tried.Split(',')[^1].Trim().Split(':')[^1], out var port) ? port : null;

    public string ErrorLog() => File.Exists(Path.Combine(Folder, "logs", "error.log")) ? File.ReadAllText(Path.Combine(Folder, "logs", "error.log")) : "";

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    private static Process Run(string file, params string[] args)
    {
        // nginx writes to its error log once running; its own output is only what it says before that.
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("nginx did not start.");
    }
}
