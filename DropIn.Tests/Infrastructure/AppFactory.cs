using System.Net;
using System.Security.Claims;
using DropIn.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DropIn.Tests.Infrastructure;

/// <summary>
/// The real app over a real SQLite file in a temp folder, or (<c>postgres: true</c>) a fresh database of its own on the
/// test PostgreSQL (<see cref="TestServers"/>), dropped at the end. Environment "Testing": no demo data, jobs off unless
/// asked for. Optionally on Kestrel (for browsers and SignalR clients), optionally with a fake clock.
/// </summary>
public sealed class AppFactory : WebApplicationFactory<Program>
{
    private readonly TimeProvider? _clock;
    private readonly bool _kestrel;
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="services">More test services, e.g. an EF Core interceptor (<see cref="ConflictingWrites"/>).</param>
    /// <param name="postgres">On PostgreSQL: a new database, or <paramref name="postgresDatabase"/> (another app's, to run two instances on one database).</param>
    public AppFactory(string? dataFolder = null, TimeProvider? clock = null, bool kestrel = false, bool jobs = false, IDictionary<string, string?>? settings = null, int port = 0,
        Action<IServiceCollection>? services = null, bool postgres = false, string? postgresDatabase = null)
    {
        DataFolder = dataFolder ?? TempFolder.Create();
        _clock = clock;
        _services = services;
        _kestrel = kestrel;
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["DropIn:DataFolder"] = DataFolder,
            ["DropIn:Jobs:Enabled"] = jobs ? "true" : "false",
        };
        if (postgres || postgresDatabase is not null)
        {
            _ownsDatabase = postgresDatabase is null;
            PostgresDatabase = postgresDatabase ?? TestServers.NewPostgresDatabaseAsync().GetAwaiter().GetResult();
            _settings["DropIn:Database:Provider"] = "Postgres";
            _settings["ConnectionStrings:DropIn"] = PostgresDatabase;
        }

        // Every test signs in from the same address; the limit has its own test, which sets it low.
        _settings.TryAdd("DropIn:Security:SignInsPerMinute", "10000");
        // Two-step sign-in has its own tests, which turn it on; the rest sign in with a password.
        _settings.TryAdd("DropIn:Security:RequireTwoFactor", "false");
        if (kestrel)
        {
            UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        }
    }

    public string DataFolder { get; }

    /// <summary>The PostgreSQL connection string, when on PostgreSQL.</summary>
    public string? PostgresDatabase { get; }

    private readonly bool _ownsDatabase;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase && PostgresDatabase is not null)
        {
            await TestServers.DropPostgresDatabaseAsync(PostgresDatabase);
        }
    }

    /// <summary>A loopback port free right now, for a test that restarts the app at the same address.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A schedule with a session all day, every day, so tests on the real clock always find the queue open.</summary>
    public static Dictionary<string, string?> AlwaysOpen()
    {
        var settings = new Dictionary<string, string?>();
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            var i = (int)day;
            settings[$"DropIn:Queue:Sessions:{i}:Day"] = day.ToString();
            settings[$"DropIn:Queue:Sessions:{i}:Start"] = "00:00";
            settings[$"DropIn:Queue:Sessions:{i}:End"] = "23:59";
        }

        return settings;
    }

    public Uri ServerAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the framework's and MudBlazor's files come only from a publish; tests run from the build.
        builder.UseStaticWebAssets();
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            if (_clock is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(_clock);
            }

            _services?.Invoke(services);
        });
    }

    /// <summary>Uses a scoped service in a fresh scope, as each circuit or request has its own.</summary>
    public async Task<T> UseAsync<TService, T>(Func<TService, Task<T>> use)
        where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public Task UseAsync<TService>(Func<TService, Task> use)
        where TService : notnull => UseAsync<TService, bool>(async s =>
        {
            await use(s);
            return true;
        });

    /// <summary>Creates a member of staff (if new) and returns the principal the app would give them at sign-in.</summary>
    public async Task<ClaimsPrincipal> StaffAsync(string name, params string[] roles)
    {
        StartServerIfKestrel();
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var email = $"{name.Replace(' ', '.').ToLowerInvariant()}@staff.test";
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
            Check(await users.CreateAsync(user, StaffPassword));
            foreach (var role in roles)
            {
                Check(await users.AddToRoleAsync(user, role));
            }
        }

        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<StaffUser>>();
        return await signIn.CreateUserPrincipalAsync(user);
    }

    public const string StaffPassword = "Test-password-123";

    /// <summary>Turns on two-step sign-in for the account <paramref name="email"/>, as setting up the app does; returns the app's key.</summary>
    public async Task<byte[]> EnrolAuthenticatorAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"{email} has no account.");
        Check(await users.ResetAuthenticatorKeyAsync(user));
        Check(await users.SetTwoFactorEnabledAsync(user, true));
        return AuthenticatorApp.Key(await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key."));
    }

    public static string EmailOf(string name) => $"{name.Replace(' ', '.').ToLowerInvariant()}@staff.test";

    private void StartServerIfKestrel()
    {
        if (_kestrel)
        {
            StartServer();
        }
        else
        {
            _ = Server;
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
