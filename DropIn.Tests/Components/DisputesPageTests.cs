using System.Security.Claims;
using Bunit;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Disputes;
using DropIn.Web.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DropIn.Tests.Components;

/// <summary>
/// The disputes page over the real app's services: a refusal stays under the field it is about, as a form's would,
/// instead of a toast that vanishes while the manager is still reading.
/// </summary>
public sealed class DisputesPageTests : MudTestContext, IClassFixture<DisputesPageTests.AppFixture>
{
    private readonly AppFixture _fixture;

    public DisputesPageTests(AppFixture fixture)
    {
        _fixture = fixture;
        Services.AddFallbackServiceProvider(fixture.App.Services);
        Services.AddSingleton(fixture.App.Services.GetRequiredService<TimeProvider>());
    }

    public sealed class AppFixture : IAsyncLifetime
    {
        public AppFactory App { get; } = new();
        public ClaimsPrincipal Manager { get; private set; } = default!;

        public async ValueTask InitializeAsync() => Manager = await App.StaffAsync("Morgan Manager", Roles.Manager);

        public async ValueTask DisposeAsync() => await App.DisposeAsync();
    }

    private IRenderedComponent<DisputesPage> Page()
    {
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        var page = Render<DisputesPage>(p => p.AddCascadingValue(Task.FromResult(new AuthenticationState(_fixture.Manager))));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("form")));
        return page;
    }

    [Fact]
    public void RecordingADisputeWithNoTitle_SaysWhyUnderTheTitle_AndRecordsNothing()
    {
        var page = Page();

        page.FindAll("form")[0].Submit();

        page.WaitForAssertion(() => Assert.Contains("Give the dispute a short neutral title", page.Find(".mud-input-error").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid='dispute']"));
    }

    [Fact]
    public void WhoCouldSee_WithAReferenceThatIsNotOne_SaysHowToWriteItUnderTheField()
    {
        var page = Page();

        page.FindAll("form")[1].Submit();

        page.WaitForAssertion(() => Assert.Contains("Enter a case reference like C0042.", page.Find(".mud-input-error").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid='could-see']"));
    }
}
