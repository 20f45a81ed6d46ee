using System.Security.Claims;
using Bunit;
using DropIn.Domain.Cases;
using DropIn.Domain.Conduct;
using DropIn.Domain.Queue;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Conduct;
using DropIn.Web.Features.Queue;
using DropIn.Web.Features.Students;
using DropIn.Web.Live;
using DropIn.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;

namespace DropIn.Tests.Components;

/// <summary>
/// The reception screen over the real app's services and SQLite file, as a manager at the desk: a student whose
/// service is withdrawn is flagged, and "Check in anyway" checks in that student, whatever the form holds by then.
/// </summary>
public sealed class ReceptionScreenTests : MudTestContext, IClassFixture<ReceptionScreenTests.AppFixture>
{
    private readonly AppFactory _app;
    private readonly ClaimsPrincipal _manager;

    public ReceptionScreenTests(AppFixture fixture)
    {
        (_app, _manager) = (fixture.App, fixture.Manager);
        Services.AddSingleton<ILiveUpdates>(new InProcessLiveUpdates(NullLogger<InProcessLiveUpdates>.Instance));
        Services.AddFallbackServiceProvider(_app.Services);
        Services.AddSingleton(_app.Services.GetRequiredService<TimeProvider>());
        // The app's own policies (bUnit's placeholder refuses to answer): what the manager may do decides the buttons.
        Services.AddSingleton(_app.Services.CreateScope().ServiceProvider.GetRequiredService<IAuthorizationService>());
    }

    /// <summary>Tom Reed, warned and then withdrawn from the service until 1 February 2027.</summary>
    public sealed class AppFixture : IAsyncLifetime
    {
        public AppFactory App { get; } = new(clock: London.Clock(2026, 11, 23, 9, 0), settings: AppFactory.AlwaysOpen());
        public ClaimsPrincipal Manager { get; private set; } = default!;

        public async ValueTask InitializeAsync()
        {
            Manager = await App.StaffAsync("Morgan Manager", Roles.Manager);
            var reception = await App.StaffAsync("Rita Reception", Roles.Reception);
            var tom = await App.UseAsync<StudentService, Student>(s => s.RegisterAsync(reception, new StudentProfile("Tom Reed", Email: "tr100@cam.ac.uk", StudentNumber: "TR100")));
            var signpost = await App.UseAsync<CaseListsService, Signpost>(l => l.AddSignpostAsync(Manager, "Citizens Advice", "Independent advice", "0800 144 8848"));
            var decision = new WithdrawalDecision(IncidentKind.AggressiveLanguage, "You shouted at reception staff after our warning.", new DateOnly(2027, 2, 1), null, signpost.Id, null, LetterDelivery.Email);
            var now = App.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            await App.UseAsync<ConductService>(c => c.RecordIncidentAsync(reception, tom.Id, IncidentKind.AggressiveLanguage, now.AddMinutes(-30), "Shouted at the desk."));
            var warning = await App.UseAsync<ConductService, string>(c => c.DraftWarningAsync(Manager, tom.Id, IncidentKind.AggressiveLanguage));
            await App.UseAsync<ConductService>(c => c.IssueWarningAsync(Manager, tom.Id, IncidentKind.AggressiveLanguage, warning, LetterDelivery.Email));
            var notice = await App.UseAsync<ConductService, string>(c => c.DraftNoticeAsync(Manager, tom.Id, decision));
            await App.UseAsync<ConductService>(c => c.WithdrawAsync(Manager, tom.Id, decision, notice));
        }

        public async ValueTask DisposeAsync() => await App.DisposeAsync();
    }

    [Fact]
    public async Task CheckInAnyway_ChecksInTheFlaggedStudent_NotWhoeverTheFormHoldsNow_AndClearsTheFlag()
    {
        Render<MudSnackbarProvider>();
        var page = Render<ReceptionPage>(p => p.AddCascadingValue(Task.FromResult(new AuthenticationState(_manager))));
        page.WaitForAssertion(() => page.Find("form"));

        CheckIn(page, "Tom Reed", "tr100@cam.ac.uk", "Appeal");
        page.WaitForAssertion(() => Assert.Contains("Tom Reed: Service withdrawn — review date 1 February 2027", page.Find("[data-testid='withdrawn-flag']").TextContent, StringComparison.Ordinal));

        // Reception moves on to the next student while the manager is still deciding.
        CheckIn(page, "Ben Stale", null, "Visa");
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid='withdrawn-flag']")));
        Assert.Equal(["Ben Stale"], await WaitingAsync());
        // The form clears for the next student once Ben's check-in has finished: typing before that would be typed
        // into Ben's details and wiped with them (on a loaded machine the test was quicker than the form).
        page.WaitForAssertion(() => Assert.Equal("", Inputs(page)[0].GetAttribute("value") ?? ""));

        // Flag Tom again, start typing the next student, then the manager checks Tom in anyway.
        CheckIn(page, "Tom Reed", "tr100@cam.ac.uk", "Appeal");
        page.WaitForAssertion(() => page.Find("[data-testid='withdrawn-flag']"));
        page.Find("button:contains('Check in anyway')").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid='withdrawn-flag']")));
        Assert.Equal(["Ben Stale", "Tom Reed"], await WaitingAsync());
        // The form showed Tom, who is now checked in, so it is empty for the next student.
        Assert.Equal("", Inputs(page)[0].GetAttribute("value") ?? "");
    }

    private static IReadOnlyList<AngleSharp.Dom.IElement> Inputs(IRenderedComponent<ReceptionPage> page) =>
        page.FindAll("form input[type=text], form input:not([type])");

    private static void CheckIn(IRenderedComponent<ReceptionPage> page, string name, string? emailOrId, string topic)
    {
        Inputs(page)[0].Input(name);
        Inputs(page)[1].Change(emailOrId ?? "");
        Inputs(page)[3].Input(topic);
        page.Find("form").Submit();
    }

    private async Task<string[]> WaitingAsync()
    {
        var queue = await _app.UseAsync<QueueService, QueueView>(q => q.GetQueueAsync(_manager));
        return [.. queue.Waiting.Select(t => t.Ticket.Name)];
    }
}
