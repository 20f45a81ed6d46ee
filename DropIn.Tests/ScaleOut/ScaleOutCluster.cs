using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using DropIn.Domain.Queue;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Features.Queue;
using DropIn.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;

namespace DropIn.Tests.ScaleOut;

/// <summary>
/// The scale-out deployment, for real, on loopback: DropIn.Web published once; a fresh PostgreSQL database migrated
/// once by the <c>migrate</c> verb; staff enrolled for two-step sign-in; instances A and B (Production, cluster mode,
/// PostgreSQL, Redis, one shared data folder, mail over SMTP to a test listener, nginx as the known proxy) started
/// together; nginx in front once both are ready. Everything stops, and the database and folders go, at the end, whether
/// the checks passed or not (and if the test host exits early).
/// </summary>
public sealed partial class ScaleOutCluster : IAsyncLifetime
{
    /// <summary>Staff who use the cluster: two receptions and two caseworkers (each in a room of their own).</summary>
    public static readonly (string Name, string Role, string? Room)[] People =
    [
        ("Rita Reception", Roles.Reception, null),
        ("Rhys Reception", Roles.Reception, null),
        ("Sam Okafor", Roles.Caseworker, "Advice room 1"),
        ("Priya Shah", Roles.Caseworker, "Advice room 2"),
    ];

    private readonly List<string> _measured = [];
    private readonly Dictionary<string, byte[]> _authenticatorKeys = [];
    private readonly Dictionary<string, long> _lastStep = [];
    private readonly Dictionary<string, ClaimsPrincipal> _principals = [];
    private string? _root;
    private string? _certificate;

    public PublishedApp App { get; private set; } = default!;
    public AppInstance A { get; private set; } = default!;
    public AppInstance B { get; private set; } = default!;
    public NginxProxy Proxy { get; private set; } = default!;
    public TestSmtpServer Smtp { get; private set; } = default!;

    /// <summary>
    /// The app's own code over the cluster's database, data folder and Redis, in the test process (no web server, no
    /// jobs): how the tests set things up (staff, check-ins, queued mail) and read them back, as a third instance would.
    /// </summary>
    public AppFactory Seeder { get; private set; } = default!;

    public string DataFolder { get; private set; } = "";

    /// <summary>The database owner (dropin_owner): runs <c>migrate</c>, and lets the tests read the tables as stored.</summary>
    public string OwnerConnection { get; private set; } = "";

    /// <summary>What the instances sign in to PostgreSQL as: the role <c>dropin</c>, which cannot change the audit trail.</summary>
    public string AppConnection { get; private set; } = "";

    /// <summary>What starting the cluster took, e.g. "publish 13.2 s, migrate 8.0 s, …".</summary>
    public string Measured => string.Join(", ", _measured);

    public async ValueTask InitializeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit += StopOnExit;
        try
        {
            await StartAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        _root = TempFolder.Create();
        DataFolder = Path.Combine(_root, "shared");
        Directory.CreateDirectory(DataFolder);
        // The key ring's certificate is kept off the shared folder, as deploy/scale-out.md has it.
        _certificate = TestCertificate.Create(Path.Combine(_root, "key-ring.pfx"));
        var clock = Stopwatch.StartNew();
        var publishing = PublishedApp.PublishAsync(Path.Combine(_root, "app"));
        OwnerConnection = await TestServers.NewPostgresDatabaseAsync();
        AppConnection = new NpgsqlConnectionStringBuilder(OwnerConnection) { Username = "dropin", Password = "dropin" }.ConnectionString;
        // Slow enough (40 messages take 8 s) that two instances sending the same queued rows would overlap and show it.
        Smtp = new TestSmtpServer(AppFactory.FreePort(), TimeSpan.FromMilliseconds(200));
        App = await publishing;
        Measure("publish", clock);

        // As the owner, granting the app's role what it needs (and no more on the audit trail).
        var (exit, output) = await App.RunVerbAsync(new Dictionary<string, string?>(InstanceSettings(OwnerConnection)) { ["DropIn:Database:AppRole"] = "dropin" },
            TimeSpan.FromMinutes(3), "migrate");
        if (exit != 0)
        {
            throw new InvalidOperationException($"migrate failed ({exit}):\n{output}");
        }

        Measure("migrate", clock);

        Seeder = new AppFactory(DataFolder, postgresDatabase: AppConnection, settings: ClusterSettings(AppConnection));
        await EnrolStaffAsync();
        Measure("staff", clock);

        A = new AppInstance("A", AppFactory.FreePort(), App, InstanceSettings(AppConnection));
        B = new AppInstance("B", AppFactory.FreePort(), App, InstanceSettings(AppConnection));
        A.Start();
        B.Start();
        await Task.WhenAll(A.WaitReadyAsync(TimeSpan.FromMinutes(2)), B.WaitReadyAsync(TimeSpan.FromMinutes(2)));
        Measure("A and B ready", clock);

        // Only now: nginx marks an instance that refuses its first connections as down for fail_timeout.
        Proxy = await NginxProxy.StartAsync(Path.Combine(_root, "nginx"), AppFactory.FreePort(), [A, B]);
        Measure("nginx", clock);
    }

    /// <summary>
    /// What every part of the cluster is set up with (the instances and <see cref="Seeder"/>): cluster mode on PostgreSQL
    /// and Redis, one data folder with the key ring protected by a certificate, mail over SMTP, nginx as the known proxy. The queue is open all day, every day.
    /// Sign-ins per minute are raised because every client here comes from 127.0.0.1. The live bus has a Redis channel of
    /// this cluster's own, so other tests using the same Redis at the same time are not heard.
    /// </summary>
    private Dictionary<string, string?> ClusterSettings(string connection) =>
        new(AppFactory.AlwaysOpen())
        {
            ["DropIn:Cluster:Enabled"] = "true",
            ["DropIn:Database:Provider"] = "Postgres",
            ["ConnectionStrings:DropIn"] = connection,
            ["ConnectionStrings:Redis"] = TestServers.Redis,
            ["DropIn:Live:RedisChannel"] = $"smoke:{new NpgsqlConnectionStringBuilder(connection).Database}",
            ["DropIn:DataFolder"] = DataFolder,
            ["DropIn:DataProtection:CertificatePath"] = _certificate,
            ["DropIn:DataProtection:CertificatePassword"] = TestCertificate.Password,
            ["DropIn:Mail:Smtp:Host"] = "127.0.0.1",
            ["DropIn:Mail:Smtp:Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["DropIn:Mail:Smtp:UseStartTls"] = "false",
            ["DropIn:Proxy:KnownProxies:0"] = "127.0.0.1",
            ["DropIn:Security:SignInsPerMinute"] = "1000",
        };

    /// <summary>
    /// An instance's settings: the cluster's, in Production (no demo data, and two-step sign-in required: the staff are
    /// enrolled and <see cref="SignInAsync"/> types the code), with the probe job every 2 s and one log line per entry.
    /// </summary>
    private Dictionary<string, string?> InstanceSettings(string connection) =>
        new(ClusterSettings(connection))
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DropIn:Jobs:ProbeSeconds"] = "2",
            // One line per entry (the console logger writes the message on a line of its own otherwise).
            ["Logging:Console:FormatterName"] = "simple",
            ["Logging:Console:FormatterOptions:SingleLine"] = "true",
        };

    /// <summary>Creates the staff with the app's own account code, each with an authenticator app enrolled and a room for caseworkers.</summary>
    private async Task EnrolStaffAsync()
    {
        foreach (var (name, role, room) in People)
        {
            await Seeder.StaffAsync(name, role);
            await using var scope = Seeder.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = await users.FindByEmailAsync(AppFactory.EmailOf(name)) ?? throw new InvalidOperationException($"{name} was not created.");
            user.Room = room;
            Check(await users.UpdateAsync(user));
            Check(await users.ResetAuthenticatorKeyAsync(user));
            Check(await users.SetTwoFactorEnabledAsync(user, true));
            _authenticatorKeys[name] = AuthenticatorApp.Key(await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key."));
            _principals[name] = await Seeder.StaffAsync(name, role);
        }
    }

    /// <summary>The member of staff as the app's services see them, for setting things up through <see cref="Seeder"/>.</summary>
    public ClaimsPrincipal Principal(string name) => _principals[name];

    /// <summary>
    /// Signs in at <paramref name="server"/> in a new browser context, password then authenticator code, and returns the
    /// page it lands on. The cookie is for 127.0.0.1, so the same context is signed in at every instance's port too.
    /// </summary>
    public async Task<IPage> SignInAsync(IBrowser browser, Uri server, string name, ViewportSize viewport)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.ToString(), ViewportSize = viewport });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(AppFactory.EmailOf(name));
        await page.GetByLabel("Password").FillAsync(AppFactory.StaffPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/account/two-factor", StringComparison.Ordinal));
        await page.GetByLabel("Code").FillAsync(await NextCodeAsync(name));
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/", StringComparison.Ordinal));
        return page;
    }

    /// <summary>
    /// The authenticator code for a step this person has not used yet (the app accepts each step once, one step either
    /// side of now): this step, else the next, else waits for one.
    /// </summary>
    private async Task<string> NextCodeAsync(string name)
    {
        while (true)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
            long step;
            lock (_lastStep)
            {
                step = Math.Max(now, _lastStep.GetValueOrDefault(name, long.MinValue) + 1);
                if (step <= now + 1)
                {
                    _lastStep[name] = step;
                    return AuthenticatorApp.Code(_authenticatorKeys[name], DateTimeOffset.FromUnixTimeSeconds(step * 30 + 1));
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    /// <summary>Runs a verb of the published app (e.g. <c>verify-audit</c>) with the instances' settings; its exit code and output.</summary>
    public Task<(int Exit, string Output)> RunVerbAsync(params string[] args) => App.RunVerbAsync(InstanceSettings(AppConnection), TimeSpan.FromMinutes(2), args);

    /// <summary>Starts again any instance that is not running (a check that failed half-way may leave one down) and waits until both are ready.</summary>
    public async Task EnsureRunningAsync()
    {
        foreach (var instance in new[] { A, B }.Where(i => !i.IsRunning))
        {
            instance.Start();
        }

        await Task.WhenAll(A.WaitReadyAsync(TimeSpan.FromMinutes(2)), B.WaitReadyAsync(TimeSpan.FromMinutes(2)));
    }

    /// <summary>Finishes any visit a caseworker still has (a check that failed half-way leaves one), so each check starts with them free.</summary>
    public Task FreeCaseworkersAsync() => Seeder.UseAsync<QueueService>(async queue =>
    {
        foreach (var (name, _, _) in People.Where(p => p.Role == Roles.Caseworker))
        {
            if (await queue.GetMyTicketAsync(Principal(name)) is { } ticket)
            {
                await queue.FinishAsync(Principal(name), ticket.Id, VisitOutcome.AdviceGiven);
            }
        }
    });

    public AppInstance InstanceAt(int port) => A.Port == port ? A : B.Port == port ? B : throw new InvalidOperationException($"No instance on port {port}.");

    public AppInstance Other(AppInstance instance) => instance == A ? B : A;

    /// <summary>Every firing of the probe job either instance logged: the time it was scheduled for, and which instance ran it.</summary>
    public List<(DateTimeOffset Scheduled, string Instance)> ProbeFirings() =>
    [
        .. A.Log.Concat(B.Log)
            .Select(line => (line, match: ProbeLine().Match(line.Text)))
            .Where(x => x.match.Success)
            .Select(x => (DateTimeOffset.Parse(x.match.Groups[1].Value, CultureInfo.InvariantCulture), x.line.Instance)),
    ];

    /// <summary>The Message-ID of every message the SMTP listener has accepted, one entry per delivery.</summary>
    public List<string> DeliveredMessageIds()
    {
        lock (Smtp.Messages)
        {
            return [.. Smtp.Messages.Select(m => MessageIdHeader().Match(m)).Where(m => m.Success).Select(m => m.Groups[1].Value)];
        }
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= StopOnExit;
        StopProcesses();
        if (Seeder is not null)
        {
            await Seeder.DisposeAsync();
        }

        if (Smtp is not null)
        {
            await Smtp.DisposeAsync();
        }

        await DropDatabaseAsync();
        if (_root is not null && Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private void StopProcesses()
    {
        Proxy?.Dispose();
        A?.Dispose();
        B?.Dispose();
    }

    /// <summary>If the test host exits without disposing (a crash, a cancelled run), the instances and nginx still go.</summary>
    private void StopOnExit(object? sender, EventArgs e) => StopProcesses();

    private async Task DropDatabaseAsync()
    {
        if (OwnerConnection.Length > 0)
        {
            NpgsqlConnection.ClearAllPools();
            await TestServers.DropPostgresDatabaseAsync(OwnerConnection);
        }
    }

    private void Measure(string what, Stopwatch clock)
    {
        _measured.Add($"{what} {clock.Elapsed.TotalSeconds:0.0} s");
        clock.Restart();
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    [GeneratedRegex(@"Probe fired for (\S+)")]
    private static partial Regex ProbeLine();

    [GeneratedRegex(@"^Message-Id:\s*<([^>]+)>", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex MessageIdHeader();
}
