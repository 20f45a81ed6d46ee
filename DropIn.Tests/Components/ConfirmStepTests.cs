using System.Security.Claims;
using Bunit;
using DropIn.Domain.Cases;
using DropIn.Domain.Enquiries;
using DropIn.Domain.Queue;
using DropIn.Domain.Retention;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Enquiries;
using DropIn.Web.Features.Queue;
using DropIn.Web.Features.Retention;
using DropIn.Web.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DropIn.Tests.Components;

/// <summary>
/// What creates a record or lets records be destroyed asks first, and says what it will do; an outcome that names a
/// case leads into opening one. Rendered over the real app's services and SQLite file, so what is checked is what
/// is stored.
/// </summary>
public sealed class ConfirmStepTests : MudTestContext, IClassFixture<ConfirmStepTests.AppFixture>
{
    private readonly AppFixture _fixture;

    public ConfirmStepTests(AppFixture fixture)
    {
        _fixture = fixture;
        Services.AddFallbackServiceProvider(fixture.App.Services);
        Services.AddSingleton(fixture.App.Services.GetRequiredService<TimeProvider>());
    }

    public sealed class AppFixture : IAsyncLifetime
    {
        // Monday 2 November 2026: the month's retention review is open; the queue runs all day (test schedule).
        public AppFactory App { get; } = new(clock: London.Clock(2026, 11, 2, 10, 0), settings: AppFactory.AlwaysOpen());
        public ClaimsPrincipal Reception { get; private set; } = default!;
        public ClaimsPrincipal Manager { get; private set; } = default!;

        public async ValueTask InitializeAsync()
        {
            Reception = await App.StaffAsync("Rita Reception", Roles.Reception);
            Manager = await App.StaffAsync("Morgan Manager", Roles.Manager);
        }

        public async ValueTask DisposeAsync() => await App.DisposeAsync();

        public Task<DropInDbContext> DbAsync() => App.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync();
    }

    private IRenderedComponent<MudDialogProvider> Providers(ClaimsPrincipal user)
    {
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        return Render<MudDialogProvider>(p => p.AddCascadingValue(Task.FromResult(new AuthenticationState(user))));
    }

    private static void Click(IRenderedComponent<MudDialogProvider> dialog, string text) =>
        dialog.WaitForAssertion(() => dialog.FindAll("button").First(b => b.TextContent.Trim().StartsWith(text, StringComparison.Ordinal)).Click());

    [Fact]
    public async Task RegisterAsANewStudent_ShowsTheFilledInForm_AndCreatesNothingUntilRegister()
    {
        var enquiry = await _fixture.App.UseAsync<EnquiryService, Enquiry>(e => e.RecordAsync(_fixture.Reception, EnquiryChannel.Phone, London.At(2026, 11, 2, 9, 0), "Barnaby Wick", "bw42@cam.ac.uk", "Voicemail: deposit kept", null));
        var dialog = Providers(_fixture.Manager);
        _ = dialog.InvokeAsync(() => Services.GetRequiredService<IDialogService>().FileOnCaseAsync(new LinkSource(LinkSourceKind.Enquiry, enquiry.Id)));

        Click(dialog, "Register as a new student");

        dialog.WaitForAssertion(() => Assert.Contains("nothing is saved until you press Register", dialog.Markup, StringComparison.Ordinal));
        Assert.NotEmpty(dialog.FindAll("input[value='Barnaby Wick']"));
        Assert.NotEmpty(dialog.FindAll("input[value='bw42@cam.ac.uk']"));
        Assert.False(await StudentExistsAsync("Barnaby Wick"));

        dialog.Find("form#register-student").Submit();

        dialog.WaitForAssertion(() => Assert.Contains("2. Which case, for Barnaby Wick?", dialog.Markup, StringComparison.Ordinal));
        Assert.True(await StudentExistsAsync("Barnaby Wick"));
    }

    [Fact]
    public async Task RetentionReview_SaysHowManyAndFromWhen_AndListsNothingUntilConfirmed()
    {
        await using (var db = await _fixture.DbAsync())
        {
            db.Students.Add(Student.Register(new StudentProfile("Tom Reed", Email: "tr100@cam.ac.uk"), "someone", London.At(2019, 10, 20, 10, 0)));
            await db.SaveChangesAsync();
        }

        var dialog = Providers(_fixture.Manager);
        var page = Render<RetentionPage>(p => p.AddCascadingValue(Task.FromResult(new AuthenticationState(_fixture.Manager))));
        page.WaitForAssertion(() => Assert.Contains("Tom Reed", page.Markup, StringComparison.Ordinal));

        page.Find("[data-testid='confirm-review']").Click();

        dialog.WaitForAssertion(() => Assert.Contains("1 record without a hold will be destroyed", dialog.Markup, StringComparison.Ordinal));
        Assert.Contains("none before 1 Dec 2026", dialog.Markup, StringComparison.Ordinal);
        Assert.Equal(0, await ListingsAsync());

        Click(dialog, "Confirm: destroy 1 record");

        page.WaitForAssertion(() => Assert.Contains("Confirmed for destruction", page.Markup, StringComparison.Ordinal));
        Assert.Equal(1, await ListingsAsync());
    }

    [Fact]
    public async Task CaseOpenedOutcome_LeadsIntoOpeningACase_AndTheVisitFinishesOnIt()
    {
        var caseworker = await _fixture.App.StaffAsync("Sam Okafor", Roles.Caseworker);
        var queue = new QueueHarness(_fixture.App);
        var ticket = await queue.CheckInAsync(_fixture.Reception, "Hana Ito");
        var called = (await queue.CallNextAsync(caseworker))!;
        Assert.Equal(ticket.Id, called.Id);
        await queue.WithQueueAsync(q => q.StartAsync(caseworker, called.Id));
        var dialog = Providers(caseworker);
        var page = Render<CaseworkerPage>(p => p.AddCascadingValue(Task.FromResult(new AuthenticationState(caseworker))));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='current-ticket']")));

        page.FindAll("[data-testid='current-ticket'] button").Single(b => b.TextContent.Trim() == "Case opened").Click();

        dialog.WaitForAssertion(() => Assert.Contains("Register as a new student", dialog.Markup, StringComparison.Ordinal));
        Assert.Equal(TicketStatus.InProgress, (await TicketAsync(ticket.Id)).Status); // not finished: there is no case yet
        Click(dialog, "Register as a new student");
        dialog.WaitForAssertion(() => dialog.Find("form#register-student").Submit());
        // Registering writes the real SQLite file; under a full run's load that can take longer than bUnit's 5 s default.
        dialog.WaitForAssertion(() => Assert.Contains("2. Which case, for Hana Ito?", dialog.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        Assert.DoesNotContain("Link to the student only", dialog.Markup, StringComparison.Ordinal);
        var housing = (await _fixture.App.UseAsync<CaseListsService, IReadOnlyList<CaseCategory>>(l => l.ActiveCategoriesAsync(caseworker))).Single(c => c.Name == "Housing");
        var category = dialog.FindComponent<MudSelect<int?>>();
        await category.InvokeAsync(() => category.Instance.ValueChanged.InvokeAsync(housing.Id));
        Click(dialog, "Open a new case");

        await WaitForAsync(async () => (await TicketAsync(ticket.Id)).Status == TicketStatus.Finished);
        var finished = await TicketAsync(ticket.Id);
        Assert.Equal(VisitOutcome.CaseOpened, finished.Outcome);
        Assert.NotNull(finished.CaseId);
    }

    private async Task<bool> StudentExistsAsync(string name)
    {
        await using var db = await _fixture.DbAsync();
        return (await db.Students.ToListAsync()).Any(s => s.Name == name);
    }

    private async Task<int> ListingsAsync()
    {
        await using var db = await _fixture.DbAsync();
        return await db.Set<RetentionListing>().CountAsync();
    }

    private async Task<Ticket> TicketAsync(Guid id)
    {
        await using var db = await _fixture.DbAsync();
        return await db.Tickets.AsNoTracking().SingleAsync(t => t.Id == id);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100 && !await condition(); i++)
        {
            await Task.Delay(50);
        }
    }
}
