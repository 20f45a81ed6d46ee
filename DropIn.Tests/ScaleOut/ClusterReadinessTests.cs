using System.Diagnostics;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Hosting;
using DropIn.Web.Messaging;
using DropIn.Web.Security;
using DropIn.Web.Security.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DropIn.Tests.ScaleOut;

/// <summary>
/// A cluster instance refuses to start while anything is still local to its host, naming every such thing at once;
/// a single server is not checked at all.
/// </summary>
public sealed class ClusterReadinessTests
{
    private readonly string _dataFolder = TempFolder.Create();

    /// <summary>Everything shared: the starting point each test takes one thing away from.</summary>
    private Dictionary<string, string?> Shared() => new()
    {
        [ClusterMode.Setting] = "true",
        [ClusterReadiness.DatabaseProviderSetting] = "Postgres",
        ["ConnectionStrings:DropIn"] = "Host=10.0.0.20;Database=dropin;Username=dropin",
        ["ConnectionStrings:Redis"] = "10.0.0.21:6379",
        [ClusterReadiness.SmtpHostSetting] = "smtp.example.ac.uk",
        [DataFolder.Setting] = _dataFolder,
        [ClusterReadiness.KnownProxiesSetting + ":0"] = "10.0.0.10",
    };

    [Fact]
    public async Task AnInstanceWithEverythingShared_AndItsKeysProvisioned_HasNothingToReport()
    {
        await ProvisionAsync();

        Assert.Empty(Findings(Shared()));
    }

    [Theory]
    [InlineData("ConnectionStrings:Redis", "ConnectionStrings:Redis is not set")]
    [InlineData(ClusterReadiness.SmtpHostSetting, "pickup folder")]
    [InlineData(DataFolder.Setting, "DropIn:DataFolder is not set")]
    [InlineData(ClusterReadiness.KnownProxiesSetting + ":0", "DropIn:Proxy:KnownProxies is not set")]
    public async Task EachSettingLeftLocal_IsReported(string removed, string expected)
    {
        await ProvisionAsync();
        var settings = Shared();
        settings.Remove(removed);

        var finding = Assert.Single(Findings(settings));

        Assert.Contains(expected, finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SQLite_IsReported_AndSoIsQuartzsInMemoryStoreThatFollowsIt_UnlessJobsAreOff()
    {
        await ProvisionAsync();
        var settings = Shared();
        settings[ClusterReadiness.DatabaseProviderSetting] = "Sqlite";

        var findings = Findings(settings);
        settings[ClusterReadiness.JobsEnabledSetting] = "false";
        var withoutJobs = Findings(settings);

        Assert.Collection(findings,
            f => Assert.StartsWith("The database is SQLite", f, StringComparison.Ordinal),
            f => Assert.StartsWith("Scheduled jobs would use Quartz's in-memory store", f, StringComparison.Ordinal));
        Assert.StartsWith("The database is SQLite", Assert.Single(withoutJobs), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysNotProvisioned_AreReported_EachOnItsOwn()
    {
        var noAuditKey = Findings(Shared());
        await KeyRing.ProvisionAsync(KeyRingServices());
        var noAuditKeyOnly = Findings(Shared());
        var expiredRing = Findings(Shared(), now: DateTimeOffset.UtcNow.AddYears(1));

        Assert.Equal(2, noAuditKey.Count);
        Assert.Contains("The Data Protection key ring (keys/ in the data folder) has no key usable now", noAuditKey[1], StringComparison.Ordinal);
        Assert.StartsWith("The audit key is not provisioned", Assert.Single(noAuditKeyOnly), StringComparison.Ordinal);
        Assert.Contains(expiredRing, f => f.StartsWith("The Data Protection key ring", StringComparison.Ordinal)); // all its keys expired
    }

    [Fact]
    public async Task AProxyThatIsNotAnAddress_IsNamed()
    {
        await ProvisionAsync();
        var settings = Shared();
        settings[ClusterReadiness.KnownProxiesSetting + ":1"] = "nginx.internal";

        Assert.Equal("DropIn:Proxy:KnownProxies lists \"nginx.internal\", which is not an IP address.", Assert.Single(Findings(settings)));
    }

    [Fact]
    public void AMisconfiguredClusterInstance_DoesNotStart_AndNamesEverythingStillLocal_BeforeTouchingTheDatabase()
    {
        var logs = new CapturedLogs();
        // The test host turns jobs off, so Quartz's store is not among what is still local.
        using var app = new AppFactory(_dataFolder, settings: new Dictionary<string, string?> { [ClusterMode.Setting] = "true" },
            services: s => s.AddSingleton<ILoggerProvider>(logs));

        // Program.cs ends the app with the message (see the process test below), so the test host finds no server.
        Assert.ThrowsAny<Exception>(() => app.Server);

        var refusal = Assert.Single(logs.Critical);
        Assert.StartsWith("DropIn will not start: cluster mode is on (DropIn:Cluster:Enabled), but 6 things are still local to this host:", refusal, StringComparison.Ordinal);
        foreach (var expected in new[] { "The database is SQLite", "ConnectionStrings:Redis", "pickup folder", "audit key", "Data Protection key ring", "KnownProxies" })
        {
            Assert.Contains(expected, refusal, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(Path.Combine(_dataFolder, "dropin.db")));
        Assert.False(AuditKey.IsProvisioned(DataFolder.Keys(_dataFolder)));
        Assert.False(Directory.Exists(DataFolder.Keys(_dataFolder)) && Directory.EnumerateFiles(DataFolder.Keys(_dataFolder), "key-*.xml").Any());
    }

    [Fact]
    public async Task AMisconfiguredClusterProcess_ExitsWithTheMessage_NotOnlyAStackTrace()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "DropIn.Web.dll"), "--urls", $"http://127.0.0.1:{AppFactory.FreePort()}",
            $"--DropIn:DataFolder={_dataFolder}", "--DropIn:Cluster:Enabled=true"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // It started after all (or hung): end it, and let the exit code below say so.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        Assert.Equal(78, process.ExitCode);
        var lastLines = (await errors).TrimEnd().Split('\n')[^9..];
        Assert.Equal("DropIn will not start: cluster mode is on (DropIn:Cluster:Enabled), but 7 things are still local to this host:", lastLines[0]);
        string[] findings = ["The database is SQLite", "ConnectionStrings:Redis is not set", "Mail would be written to a pickup folder", "The audit key is not provisioned",
            "The Data Protection key ring", "DropIn:Proxy:KnownProxies is not set", "Scheduled jobs would use Quartz's in-memory store"];
        Assert.All(findings.Zip(lastLines[1..8]), f => Assert.StartsWith("  - " + f.First, f.Second, StringComparison.Ordinal));
        Assert.StartsWith("Fix each, then start again", lastLines[8], StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", await output, StringComparison.Ordinal);
    }

    [Fact]
    public void InClusterMode_ThePickupFolderIsRefused_OnASingleServerItIsTheDefault()
    {
        using var single = MessagingOnly(cluster: false);
        using var cluster = MessagingOnly(cluster: true);

        Assert.IsType<PickupFolderTransport>(single.Services.GetRequiredService<IMailTransport>());
        var refused = Assert.Throws<InvalidOperationException>(() => cluster.Services.GetRequiredService<IMailTransport>());
        Assert.Contains("DropIn:Mail:Smtp:Host", refused.Message, StringComparison.Ordinal);
    }

    private IReadOnlyList<string> Findings(Dictionary<string, string?> settings, DateTimeOffset? now = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = KeyRingServices();
        return ClusterReadiness.Findings(configuration, _dataFolder, services.GetRequiredService<IKeyManager>(), now ?? DateTimeOffset.UtcNow);
    }

    /// <summary>What the migrate step does: the audit key and the first Data Protection key, in the shared folder.</summary>
    private async Task ProvisionAsync()
    {
        AuditKey.Provision(DataFolder.Keys(_dataFolder));
        using var services = KeyRingServices();
        await KeyRing.ProvisionAsync(services);
    }

    private ServiceProvider KeyRingServices()
    {
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
        services.AddDropInKeyRing(new ConfigurationBuilder().Build(), _dataFolder, _dataFolder);
        return services.BuildServiceProvider();
    }

    private WebApplication MessagingOnly(bool cluster)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = _dataFolder, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [DataFolder.Setting] = _dataFolder, [ClusterMode.Setting] = cluster ? "true" : "false" });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddDropInMessaging();
        return builder.Build();
    }

    /// <summary>Every critical log line the app writes.</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Critical { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLogs logs) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel == LogLevel.Critical;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel == LogLevel.Critical)
                {
                    logs.Critical.Enqueue(formatter(state, exception));
                }
            }
        }
    }
}
