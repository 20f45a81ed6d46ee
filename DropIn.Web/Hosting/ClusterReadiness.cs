using System.Net;
using DropIn.Web.Data;
using DropIn.Web.Security;
using DropIn.Web.Security.Audit;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace DropIn.Web.Hosting;

/// <summary>
/// A cluster instance refuses to start while anything it would use is still local to its host, and names every such
/// thing in one message, so whoever deploys fixes them in one go rather than one restart at a time. It runs before
/// every other hosted service starts (<see cref="IHostedLifecycleService.StartingAsync"/>): nothing listens, migrates
/// or runs a job first. Registered only in cluster mode (<see cref="ClusterMode"/>); the single server starts as before.
/// </summary>
public sealed class ClusterReadiness(IConfiguration configuration, IHostEnvironment environment, IKeyManager keyRing, TimeProvider clock, ILogger<ClusterReadiness> logger)
    : IHostedLifecycleService
{
    public const string DatabaseProviderSetting = "DropIn:Database:Provider";
    public const string RedisConnection = "Redis";
    public const string KnownProxiesSetting = "DropIn:Proxy:KnownProxies";
    public const string SmtpHostSetting = "DropIn:Mail:Smtp:Host";
    public const string JobsEnabledSetting = "DropIn:Jobs:Enabled";

    /// <summary>
    /// What is still local to this host, one sentence each, in a fixed order; empty when the instance may join a
    /// cluster. Reads configuration and the shared data folder only: nothing is created or changed.
    /// </summary>
    /// <param name="dataFolder">The resolved data folder (DropIn:DataFolder, or the default under the content root).</param>
    /// <param name="keyRing">The app's Data Protection key manager, over the data folder's keys.</param>
    /// <param name="now">The current time, UTC: a key ring whose keys have all expired is no key ring.</param>
    public static IReadOnlyList<string> Findings(IConfiguration configuration, string dataFolder, IKeyManager keyRing, DateTimeOffset now)
    {
        var findings = new List<string>();
        var postgres = string.Equals(configuration[DatabaseProviderSetting], "Postgres", StringComparison.OrdinalIgnoreCase);
        if (!postgres)
        {
            findings.Add($"The database is SQLite, a file on this host: set {DatabaseProviderSetting} to Postgres and ConnectionStrings:DropIn to the shared PostgreSQL database.");
        }

        if (string.IsNullOrWhiteSpace(configuration.GetConnectionString(RedisConnection)))
        {
            findings.Add($"ConnectionStrings:{RedisConnection} is not set: live updates would reach only the screens on this instance (the in-process bus).");
        }

        if (string.IsNullOrWhiteSpace(configuration[SmtpHostSetting]))
        {
            findings.Add($"Mail would be written to a pickup folder on this host: set {SmtpHostSetting} (SMTP).");
        }

        if (string.IsNullOrWhiteSpace(configuration[DataFolder.Setting]))
        {
            findings.Add($"{DataFolder.Setting} is not set, and the default App_Data is on this host: point it at the folder every instance mounts (keys, audit key and head, documents).");
        }

        if (!AuditKey.IsProvisioned(DataFolder.Keys(dataFolder)))
        {
            findings.Add($"The audit key is not provisioned (keys/{AuditKey.KeyFileName} in the data folder): run the migrate step once; an instance never makes its own.");
        }

        if (!KeyRing.HasKeyUsableAt(keyRing, now))
        {
            findings.Add("The Data Protection key ring (keys/ in the data folder) has no key usable now: run the migrate step once, so that instances starting together do not each make one.");
        }

        findings.AddRange(ProxyFindings(configuration));
        if (configuration.GetValue(JobsEnabledSetting, true) && !postgres)
        {
            findings.Add("Scheduled jobs would use Quartz's in-memory store (it follows the database provider), so every instance would run every job: use PostgreSQL.");
        }

        return findings;
    }

    /// <summary>The one message for all findings, as the log and the console show it.</summary>
    public static string Message(IReadOnlyList<string> findings) =>
        $"DropIn will not start: cluster mode is on ({ClusterMode.Setting}), but {findings.Count} {(findings.Count == 1 ? "thing is" : "things are")} still local to this host:"
        + string.Concat(findings.Select(f => $"{Environment.NewLine}  - {f}"))
        + $"{Environment.NewLine}Fix each, then start again (docs/operations.md, \"Cluster mode\").";

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        var findings = Findings(configuration, DataFolder.Resolve(configuration, environment.ContentRootPath), keyRing, clock.GetUtcNow());
        if (findings.Count == 0)
        {
            logger.LogInformation("Cluster mode: the database, live bus, mail, data folder, keys and proxy are all shared");
            return Task.CompletedTask;
        }

        var message = Message(findings);
        logger.LogCritical("{Refusal}", message);
        throw new ClusterNotReadyException(message);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Forwarded headers are trusted only from the proxy's addresses, so each must be one.</summary>
    private static IEnumerable<string> ProxyFindings(IConfiguration configuration)
    {
        var section = configuration.GetSection(KnownProxiesSetting);
        var proxies = section.GetChildren().Select(c => c.Value).Append(section.Value)
            .SelectMany(v => (v ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        if (proxies.Count == 0)
        {
            yield return $"{KnownProxiesSetting} is not set: the client's address from the proxy (X-Forwarded-For) would not be trusted, or would be trusted from anyone. List the proxy's IP addresses.";
        }

        foreach (var notAddress in proxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return $"{KnownProxiesSetting} lists \"{notAddress}\", which is not an IP address.";
        }
    }
}

/// <summary>A cluster instance found something still local to its host (<see cref="ClusterReadiness"/>); the message lists them all.</summary>
public sealed class ClusterNotReadyException : Exception
{
    public ClusterNotReadyException()
    {
    }

    public ClusterNotReadyException(string message)
        : base(message)
    {
    }

    public ClusterNotReadyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
