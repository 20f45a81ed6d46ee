using System.Security.Claims;
using Bunit;
using DropIn.Web.Components.Shared;
using DropIn.Web.Live;
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
