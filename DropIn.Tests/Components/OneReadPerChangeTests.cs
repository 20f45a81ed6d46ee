using System.Security.Claims;
using Bunit;
using DropIn.Domain.Queue;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Features.Queue;
using DropIn.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DropIn.Tests.Components;

/// <summary>
/// A check-in costs the same number of database commands whether one reception screen is open or twenty: the screens
/// share one read of the queue (and of the disputes behind each user's barrier view) per change, not one each.
/// Real reception pages over the app's services, its change bus and SQLite file; the commands are counted by an EF Core
/// interceptor on every context the app makes.
/// </summary>
public sealed class OneReadPerChangeTests : MudTestContext, IAsyncLifetime
{
    private readonly DbCommandCount _commands = new();
    private readonly AppFactory _app;
    private readonly List<ClaimsPrincipal> _staff = [];

    public OneReadPerChangeTests()
    {
        _app = new AppFactory(clock: London.Clock(2026, 11, 24, 12, 30), settings: AppFactory.AlwaysOpen(),
            services: s => s.ConfigureDbContext<DropInDbContext>(o => o.AddInterceptors(_commands), ServiceLifetime.Singleton));
        Services.AddFallbackServiceProvider(_app.Services);
        Services.AddSingleton(_app.Services.GetRequiredService<TimeProvider>());
        Services.AddSingleton(_app.Services.CreateScope().ServiceProvider.GetRequiredService<IAuthorizationService>());
    }

    public async ValueTask InitializeAsync()
    {
        // Screens of three members of staff: each filters the shared read for its own user.
        _staff.Add(await _app.StaffAsync("Rita Reception", Roles.Reception));
        _staff.Add(await _app.StaffAsync("Rob Reception", Roles.Reception));
        _staff.Add(await _app.StaffAsync("Morgan Manager", Roles.Manager));
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task ACheckIn_CostsTheSameDatabaseCommands_WithTwentyQueueScreensOpen_AsWithOne()
    {
        Render<MudSnackbarProvider>();
        var screens = new List<IRenderedComponent<ReceptionPage>> { Open(_staff[0]) };
        await SettledAsync(screens, "nobody yet");

        var withOne = await CommandsForCheckInAsync(screens, "Ada Lovelace");

        screens.AddRange(Enumerable.Range(1, 19).Select(i => Open(_staff[i % _staff.Count])));
        await SettledAsync(screens, "Ada Lovelace");
        var withTwenty = await CommandsForCheckInAsync(screens, "Grace Hopper");

        Assert.True(withTwenty <= withOne,
            $"A check-in with 20 queue screens open took {withTwenty} database commands, against {withOne} with one screen: each screen read the database for itself.");
    }

    private IRenderedComponent<ReceptionPage> Open(ClaimsPrincipal user) =>
        Render<ReceptionPage>(p => p.AddCascadingValue(Task.FromResult(new AuthenticationState(user))));

    /// <summary>Checks a student in at the desk and counts the commands until every screen shows them waiting, and a little after.</summary>
    private async Task<long> CommandsForCheckInAsync(IReadOnlyList<IRenderedComponent<ReceptionPage>> screens, string name)
    {
        var before = _commands.Count;
        await _app.UseAsync<QueueService, CheckInResult>(q => q.CheckInAsync(_staff[0], new StudentDetails(name, null, null, "Housing", false, null)));
        await SettledAsync(screens, name);
        return _commands.Count - before;
    }

    /// <summary>Every screen shows <paramref name="name"/> waiting (or, before anyone, the empty queue), and no screen is still reading.</summary>
    private async Task SettledAsync(IReadOnlyList<IRenderedComponent<ReceptionPage>> screens, string name)
    {
        foreach (var screen in screens)
        {
            screen.WaitForAssertion(() => Assert.Contains(name == "nobody yet" ? "Nobody is waiting" : name, screen.Markup, StringComparison.Ordinal));
        }

        // Reads still under way would be counted against the next check-in: wait until no command has run for a moment.
        long seen;
        do
        {
            seen = _commands.Count;
            await Task.Delay(300, Xunit.TestContext.Current.CancellationToken);
        }
        while (_commands.Count != seen);
    }
}
