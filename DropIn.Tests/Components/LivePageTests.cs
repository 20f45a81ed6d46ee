using System.Security.Claims;
using Bunit;
using DropIn.Web.Components.Layout;
using DropIn.Web.Components.Shared;
using DropIn.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace DropIn.Tests.Components;

/// <summary>
/// How every staff screen stays current, over the real in-process change bus. Found by running the suite on a loaded
/// machine: the second caseworker's case file never showed an entry saved while it was first reading, because the
/// screen started listening only after that read.
/// </summary>
public sealed class LivePageTests : MudTestContext
{
    private readonly InProcessLiveUpdates _live = new(NullLogger<InProcessLiveUpdates>.Instance);

    public LivePageTests() => Services.AddSingleton<ILiveUpdates>(_live);

    /// <summary>A screen that shows a stored number, and whose reads can be held part-way, as a slow database would.</summary>
    private sealed class Probe : LivePage
    {
        public static int Stored;
        public static Func<int, Task> DuringRead = _ => Task.CompletedTask;
        public int Reads;
        private int _shown = -1;

        public Task<bool> Act(Func<Task> action) => ActAsync(action);

        protected override bool Concerns(LiveChange change) => change is QueueChanged;

        protected override async Task ReloadAsync()
        {
            var read = Interlocked.Increment(ref Reads);
            var seen = Volatile.Read(ref Stored);
            await DuringRead(read);
            _shown = seen;
        }

        protected override void BuildRenderTree(RenderTreeBuilder builder) => builder.AddMarkupContent(0, $"<p>Shown: {_shown}</p>");
    }

    private IRenderedComponent<Probe> Render() =>
        Render<Probe>(p => p.AddCascadingValue(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())))));

    private Task ChangeAsync(int stored)
    {
        Volatile.Write(ref Probe.Stored, stored);
        return _live.PublishAsync(new QueueChanged(Guid.NewGuid()));
    }

    [Fact]
    public async Task AChangeSavedWhileTheScreenIsFirstReading_IsShown()
    {
        var firstReadHeld = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        Probe.Stored = 0;
        Probe.DuringRead = async read =>
        {
            if (read == 1)
            {
                firstReadHeld.SetResult();
                await release.Task;
            }
        };

        var page = Render();
        await firstReadHeld.Task;
        await ChangeAsync(1); // saved elsewhere after the first read looked, before it finished
        release.SetResult();

        page.WaitForAssertion(() => Assert.Contains("Shown: 1", page.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// After a server's link to Redis comes back, changes made on other servers meanwhile may never arrive: every screen
    /// re-reads, whatever kinds of change it listens for.
    /// </summary>
    [Fact]
    public async Task ChangesMayHaveBeenMissed_AScreenListeningForOtherChanges_ReadsAgain()
    {
        Probe.Stored = 0;
        Probe.DuringRead = _ => Task.CompletedTask;
        var page = Render();
        page.WaitForAssertion(() => Assert.Contains("Shown: 0", page.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        Volatile.Write(ref Probe.Stored, 5); // saved on another server while this one was cut off
        await _live.PublishAsync(new ChangesMayHaveBeenMissed());

        page.WaitForAssertion(() => Assert.Contains("Shown: 5", page.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task TheScreenThatActed_ReadsOnceForItsAction_NotAgainForTheChangeItPublished()
    {
        Probe.Stored = 0;
        Probe.DuringRead = _ => Task.CompletedTask;
        var page = Render();
        page.WaitForAssertion(() => Assert.Contains("Shown: 0", page.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        // The action saves and publishes on the screen's own thread, as a feature service called from a button does.
        await page.InvokeAsync(() => page.Instance.Act(() => ChangeAsync(1)));
        page.WaitForAssertion(() => Assert.Contains("Shown: 1", page.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        // Time for a second read to happen if one were coming: the change's read is let go once the action has read.
        await Task.Delay(300, Xunit.TestContext.Current.CancellationToken);
        await page.InvokeAsync(() => { });

        Assert.Equal(2, page.Instance.Reads);
    }

    [Fact]
    public async Task AChangeFromElsewhereDuringTheScreensAction_IsShownAfterIt_InTheSameOneRead()
    {
        var actionHeld = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        Probe.Stored = 0;
        Probe.DuringRead = _ => Task.CompletedTask;
        var page = Render();
        page.WaitForAssertion(() => Assert.Contains("Shown: 0", page.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        var acting = page.InvokeAsync(() => page.Instance.Act(async () =>
        {
            actionHeld.SetResult();
            await release.Task;
        }));
        await actionHeld.Task;
        await ChangeAsync(7); // someone else's save, heard while this screen's action runs
        await Task.Delay(100, Xunit.TestContext.Current.CancellationToken);
        release.SetResult();
        await acting;

        page.WaitForAssertion(() => Assert.Contains("Shown: 7", page.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        await Task.Delay(300, Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(2, page.Instance.Reads);
    }

    [Fact]
    public async Task AReadThatFailsDuringALiveReload_ShowsTryAgain_AndTryingAgainShowsTheScreen()
    {
        Probe.Stored = 0;
        Probe.DuringRead = read => read == 2 ? throw new InvalidOperationException("database is locked") : Task.CompletedTask;
        var screen = Render<ScreenErrorBoundary>(p => p
            .AddCascadingValue(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))))
            .AddChildContent<Probe>());
        screen.WaitForAssertion(() => Assert.Contains("Shown: 0", screen.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        await ChangeAsync(1);

        screen.WaitForAssertion(() => Assert.NotNull(screen.Find("[role=alert] button")), TimeSpan.FromSeconds(30));
        var alert = screen.Find("[role=alert]");
        Assert.Contains("could not be shown", alert.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("locked", screen.Markup, StringComparison.OrdinalIgnoreCase); // nothing technical on the screen
        Assert.Equal("-1", screen.Find("[role=alert] h1").GetAttribute("tabindex"));

        screen.Find("[role=alert] button").Click(); // "Try again"

        screen.WaitForAssertion(() => Assert.Contains("Shown: 1", screen.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.Empty(screen.FindAll("[role=alert]"));
    }

    [Fact]
    public async Task AScreenThatFailed_RecoversWhenTheUserMovesToAnotherPage()
    {
        Probe.Stored = 0;
        Probe.DuringRead = read => read == 2 ? throw new InvalidOperationException("database is locked") : Task.CompletedTask;
        var screen = Render<ScreenErrorBoundary>(p => p
            .AddCascadingValue(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))))
            .AddChildContent<Probe>());
        screen.WaitForAssertion(() => Assert.Contains("Shown: 0", screen.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        await ChangeAsync(2);
        screen.WaitForAssertion(() => Assert.NotEmpty(screen.FindAll("[role=alert]")), TimeSpan.FromSeconds(30));

        await screen.InvokeAsync(() => Services.GetRequiredService<NavigationManager>().NavigateTo("/queue"));

        screen.WaitForAssertion(() => Assert.Contains("Shown: 2", screen.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task ABurstOfChangesDuringARead_CostsOneMoreRead_AndShowsTheLast()
    {
        var secondReadHeld = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        Probe.Stored = 0;
        Probe.DuringRead = async read =>
        {
            if (read == 2)
            {
                secondReadHeld.SetResult();
                await release.Task;
            }
        };
        var page = Render();
        page.WaitForAssertion(() => Assert.Contains("Shown: 0", page.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        await ChangeAsync(1);
        await secondReadHeld.Task;
        for (var stored = 2; stored <= 6; stored++)
        {
            await ChangeAsync(stored);
        }

        // The renderer runs its work in order, so this runs once the five changes' reads have queued or been dropped.
        await page.InvokeAsync(() => { });
        release.SetResult();

        page.WaitForAssertion(() => Assert.Contains("Shown: 6", page.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.Equal(3, page.Instance.Reads);
    }
}
