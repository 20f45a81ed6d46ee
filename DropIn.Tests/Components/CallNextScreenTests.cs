using System.Security.Claims;
using Bunit;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Queue;
using DropIn.Web.Live;
using DropIn.Web.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;

namespace DropIn.Tests.Components;

/// <summary>
/// The caseworker's Call next screen over the real app's services and SQLite file. The screen listens on a bus of its
/// own, so it has not yet heard of a change made elsewhere: the moment a race happens in.
/// </summary>
public sealed class CallNextScreenTests : MudTestContext, IClassFixture<CallNextScreenTests.AppFixture>
{
    private readonly AppFixture _fixture;

    public CallNextScreenTests(AppFixture fixture)
    {
        _fixture = fixture;
        Services.AddSingleton<ILiveUpdates>(new InProcessLiveUpdates(NullLogger<InProcessLiveUpdates>.Instance));
        Services.AddFallbackServiceProvider(fixture.App.Services);
        Services.AddSingleton(fixture.App.Services.GetRequiredService<TimeProvider>());
    }

    public sealed class AppFixture : IAsyncLifetime
    {
        public AppFactory App { get; } = new(clock: London.Clock(2026, 11, 3, 12, 30), settings: AppFactory.AlwaysOpen());
        public ClaimsPrincipal Reception { get; private set; } = default!;

        public async ValueTask InitializeAsync() => Reception = await App.StaffAsync("Rita Reception", Roles.Reception);

        public async ValueTask DisposeAsync() => await App.DisposeAsync();
    }

    [Fact]
    public async Task CallNext_RefusedBecauseThisCaseworkerAlreadyHasSomeone_SaysWhy_AndNeverThatNobodyIsWaiting()
    {
        var sam = await _fixture.App.StaffAsync("Sam Okafor", Roles.Caseworker);
        var queue = new QueueHarness(_fixture.App);
        var ada = await queue.CheckInAsync(_fixture.Reception, "Ada Example");
        await queue.CheckInAsync(_fixture.Reception, "Ben Example");
        await queue.WithQueueAsync(q => q.SetRoomAsync(sam, "Advice room 1"));
        var toasts = Render<MudSnackbarProvider>();
        var page = Render<CaseworkerPage>(p => p.AddCascadingValue(Task.FromResult(new AuthenticationState(sam))));
        page.WaitForAssertion(() => Assert.Contains("2 students are waiting.", page.Markup, StringComparison.Ordinal));

        // Sam called Ada from his other tablet a moment ago; this screen has not heard yet.
        await queue.CallNextAsync(sam);
        page.Find("button.call-next").Click();

        toasts.WaitForAssertion(() => Assert.Contains($"Finish ticket {ada.Code} before calling the next student.", toasts.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("Nobody is waiting", toasts.Markup, StringComparison.Ordinal);
        // The screen read the queue again: Ada is with Sam, Ben still waits.
        page.WaitForAssertion(() => Assert.Contains(ada.Code, page.Find("[data-testid='current-ticket']").TextContent, StringComparison.Ordinal));
        Assert.Contains("Ben Example", page.Markup, StringComparison.Ordinal);
    }
}
