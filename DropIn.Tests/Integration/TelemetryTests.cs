using System.Collections.Concurrent;
using System.Net;
using System.Text;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace DropIn.Tests.Integration;

/// <summary>
/// OpenTelemetry over OTLP: on with the standard endpoint variable, off without it, and nothing a student told the
/// service, nor the token of their private link, in what is sent. The collector is a plain HTTP listener on loopback
/// that keeps what it is posted (OTLP/HTTP protobuf).
/// </summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task WithAnEndpoint_RequestsAndQueriesAreExported_WithRoutesNotTokensAndNoQueryValues()
    {
        using var collector = new OtlpCollector();
        var app = new AppFactory(settings: new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Address,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });
        await app.StaffAsync("Tracey Secretperson", Roles.Reception);
        using var http = StaffBrowserClient.Anonymous(app);
        const string privateLink = "Zq7PrivateLinkTokenOfAStudent";

        await http.GetAsync("/book/manage/" + privateLink);
        await StaffBrowserClient.PostFormAsync(http, "/account/login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = AppFactory.EmailOf("Tracey Secretperson"),
            ["Input.Password"] = "a-wrong-password",
        });
        Assert.True(app.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
        Assert.True(app.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));
        await app.DisposeAsync();
        var traces = collector.Received("/v1/traces");

        Assert.Contains("/book/manage/{Token}", traces, StringComparison.Ordinal);
        Assert.Contains("AspNetUsers", traces, StringComparison.Ordinal); // the sign-in's query, as an EF Core span
        Assert.DoesNotContain(privateLink, traces, StringComparison.Ordinal);
        Assert.DoesNotContain("Secretperson", traces, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("a-wrong-password", traces, StringComparison.Ordinal);
        Assert.NotEmpty(collector.Received("/v1/metrics"));
    }

    [Fact]
    public async Task WithoutAnEndpoint_NoOpenTelemetryIsRegistered()
    {
        await using var app = new AppFactory();

        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task QueryParameterValuesSwitchedOn_TheServerRefusesToStart()
    {
        using var collector = new OtlpCollector();
        await using var app = new AppFactory(settings: new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Address,
            ["OTEL_DOTNET_EXPERIMENTAL_EFCORE_ENABLE_TRACE_DB_QUERY_PARAMETERS"] = "true",
        });

        var error = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.Contains("students' details among them, into traces", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Answers every post 200 and keeps its body by path, as an OTLP/HTTP collector would.</summary>
    private sealed class OtlpCollector : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentQueue<(string Path, byte[] Body)> _posts = new();

        public OtlpCollector()
        {
            Address = $"http://127.0.0.1:{AppFactory.FreePort()}";
            _listener.Prefixes.Add(Address + "/");
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string Address { get; }

        /// <summary>The bodies posted to the path, as text: enough to find the strings protobuf carries verbatim.</summary>
        public string Received(string path) =>
            string.Concat(_posts.Where(p => p.Path == path).Select(p => Encoding.UTF8.GetString(p.Body)));

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                _posts.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
        }

        public void Dispose() => _listener.Close();
    }
}
