using System.Security.Claims;
using DropIn.Domain.Cases;
using DropIn.Domain.Confidentiality;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Disputes;
using DropIn.Web.Features.Students;
using DropIn.Web.Security;
using Microsoft.Playwright;

namespace DropIn.Tests.Browser;

/// <summary>A barrier put up by a manager takes a case off a walled caseworker's open screen within seconds.</summary>
public sealed class BarrierBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly AppFactory _app = new(kestrel: true);
    private ClaimsPrincipal _sam = default!;
    private ClaimsPrincipal _manager = default!;
    private Case _benCase = default!;
    private Student _aisha = default!;
    private Student _ben = default!;

    public async ValueTask InitializeAsync()
    {
        _sam = await _app.StaffAsync("Sam Okafor", Roles.Caseworker);
        var priya = await _app.StaffAsync("Priya Shah", Roles.Caseworker);
        _manager = await _app.StaffAsync("Morgan Manager", Roles.Manager);
        _aisha = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(_sam, new StudentProfile("Aisha Rahman")));
        _ben = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(_sam, new StudentProfile("Ben Carter")));
        var category = (await _app.UseAsync<CaseListsService, IReadOnlyList<CaseCategory>>(l => l.ActiveCategoriesAsync(_sam)))[0];
        _benCase = await _app.UseAsync<CaseService, Case>(c => c.OpenAsync(priya, _ben.Id, category.Id, "Response to a complaint about noise"));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AManagerWallsOffACaseworker_TheirOpenCaseScreenLosesTheCaseAtOnce()
    {
        var sam = await Pages.SignedInPageAsync(browser.Browser, _app.ServerAddress, AppFactory.EmailOf("Sam Okafor"), AppFactory.StaffPassword, Pages.Tablet);
        await Pages.GotoInteractiveAsync(sam, $"/cases/{_benCase.Id}");
        await Assertions.Expect(sam.GetByTestId("case-summary")).ToContainTextAsync("complaint about noise");

        var manager = await Pages.SignedInPageAsync(browser.Browser, _app.ServerAddress, AppFactory.EmailOf("Morgan Manager"), AppFactory.StaffPassword, Pages.Desktop);
        await Pages.GotoInteractiveAsync(manager, "/disputes");
        await manager.GetByLabel("Neutral title for a new dispute").FillAsync("Complaint between two students");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Record a dispute" }).ClickAsync();
        await Assertions.Expect(manager.GetByTestId("dispute")).ToContainTextAsync("D001");
        await Pages.AssertAccessibleAsync(manager);
        var dispute = (await _app.UseAsync<DisputeService, IReadOnlyList<DisputeView>>(d => d.ListAsync(_manager))).Single().Dispute;
        await _app.UseAsync<DisputeService, Dispute>(d => d.AddPartyAsync(_manager, dispute.Id, _aisha.Id, 1));
        await _app.UseAsync<DisputeService, Dispute>(d => d.AddPartyAsync(_manager, dispute.Id, _ben.Id, 2));
        await Assertions.Expect(sam.GetByTestId("case-summary")).ToContainTextAsync("complaint about noise");

        await _app.UseAsync<DisputeService, Dispute>(d => d.AssignAsync(_manager, dispute.Id, _sam.FindFirstValue(ClaimTypes.NameIdentifier)!, 1));

        await Assertions.Expect(sam.GetByText(InformationBarriers.Message)).ToBeVisibleAsync();
        await Assertions.Expect(sam.GetByText("complaint about noise")).ToHaveCountAsync(0);
        await Pages.AssertAccessibleAsync(sam);
        await Assertions.Expect(manager.GetByTestId("dispute")).ToContainTextAsync("Sam Okafor");
        await Pages.AssertAccessibleAsync(manager);
    }
}
