using DropIn.Domain.Cases;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Students;
using DropIn.Web.Security;
using DropIn.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DropIn.Tests.Browser;

/// <summary>A manager's oversight pages: the audit trail (who opened a case file) and staff accounts.</summary>
public sealed class AuditBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly AppFactory _app = new(kestrel: true);

    public async ValueTask InitializeAsync()
    {
        await _app.StaffAsync("Morgan Manager", Roles.Manager);
        var sam = await _app.StaffAsync("Sam Okafor", Roles.Caseworker);
        var student = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(sam, new StudentProfile("Aisha Rahman")));
        var category = (await _app.UseAsync<CaseListsService, IReadOnlyList<CaseCategory>>(l => l.ActiveCategoriesAsync(sam)))[0];
        var opened = await _app.UseAsync<CaseService, Case>(c => c.OpenAsync(sam, student.Id, category.Id, "Appeal"));
        await _app.UseAsync<CaseService, CaseFile>(c => c.GetAsync(sam, opened.Id));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AManager_ChecksTheTrail_AndSeesWhoOpenedACase()
    {
        var page = await Pages.SignedInPageAsync(browser.Browser, _app.ServerAddress, AppFactory.EmailOf("Morgan Manager"), AppFactory.StaffPassword, Pages.Tablet);
        await Pages.GotoInteractiveAsync(page, "/audit");

        await page.GetByRole(AriaRole.Button, new() { Name = "Check the audit trail" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("audit-verification")).ToContainTextAsync("intact");
        await page.GetByLabel("Case reference (e.g. C0042)").FillAsync("C0001");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("case-access")).ToContainTextAsync("case.view");
        await Assertions.Expect(page.GetByTestId("case-access")).ToContainTextAsync("Sam Okafor");
        await Pages.AssertAccessibleAsync(page);
        await Pages.AssertNoHorizontalScrollAsync(page);
    }

    [Fact]
    public async Task AManager_DisablesAnAccount_FromTheStaffPage()
    {
        var page = await Pages.SignedInPageAsync(browser.Browser, _app.ServerAddress, AppFactory.EmailOf("Morgan Manager"), AppFactory.StaffPassword, Pages.Tablet);
        await Pages.GotoInteractiveAsync(page, "/staff");

        await page.GetByRole(AriaRole.Button, new() { Name = "Disable Sam Okafor" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Disable the account" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Enable Sam Okafor" })).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(page);
        await using var scope = _app.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<StaffUser>>();
        var sam = await signIn.UserManager.FindByEmailAsync(AppFactory.EmailOf("Sam Okafor"));
        Assert.True((await signIn.CheckPasswordSignInAsync(sam!, AppFactory.StaffPassword, lockoutOnFailure: false)).IsLockedOut);
    }
}
