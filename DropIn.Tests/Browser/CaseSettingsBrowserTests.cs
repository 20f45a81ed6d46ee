using DropIn.Domain.Cases;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DropIn.Tests.Browser;

/// <summary>The manager's case lists and the monitoring form, on a tablet, in Chromium, checked with axe.</summary>
public sealed class CaseSettingsBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly AppFactory _app = new(kestrel: true);

    public async ValueTask InitializeAsync()
    {
        await _app.StaffAsync("Morgan Manager", Roles.Manager);
        await _app.StaffAsync("Rita Reception", Roles.Reception);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task CaseSettings_OnATablet_AddsAServiceToTheDirectory_RetiresACategory_AndKeepsTheOutcomes()
    {
        var page = await Pages.SignedInPageAsync(browser.Browser, _app.ServerAddress, AppFactory.EmailOf("Morgan Manager"), AppFactory.StaffPassword, Pages.Tablet);
        await Pages.GotoInteractiveAsync(page, "/cases/settings");
        await Assertions.Expect(page.GetByTestId("categories-table")).ToContainTextAsync("Academic appeal");
        await Pages.AssertAccessibleAsync(page);
        await Pages.AssertNoHorizontalScrollAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Add a service" }).ClickAsync();
        await page.GetByLabel("Name of the service").FillAsync("Disability Resource Centre");
        await page.GetByLabel("What it helps with (optional)").FillAsync("Exam access arrangements");
        await Pages.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("signposts-table")).ToContainTextAsync("Disability Resource Centre");

        await page.GetByRole(AriaRole.Button, new() { Name = "Retire Housing" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Restore Housing" })).ToBeVisibleAsync();
        await Pages.AssertNoHorizontalScrollAsync(page);

        // The outcomes counted when a case closes: one added, one renamed.
        await Assertions.Expect(page.GetByTestId("outcomes-table")).ToContainTextAsync("Deposit recovered");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add an outcome" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByLabel("Outcome").FillAsync("Bursary awarded");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("outcomes-table")).ToContainTextAsync("Bursary awarded");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rename Hardship award" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByLabel("Outcome").FillAsync("Hardship fund award");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("outcomes-table")).ToContainTextAsync("Hardship fund award");
        await Assertions.Expect(page.GetByTestId("criteria-table")).ToContainTextAsync("Consent in place before sharing");
        await page.SetViewportSizeAsync(320, 640);
        await Pages.AssertNoHorizontalScrollAsync(page);
        await Pages.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Monitoring_OnATablet_IsOptionalAndAccessible_AndSavingDoesNotShowTheAnswersAgain()
    {
        Guid studentId;
        await using (var db = await _app.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync())
        {
            var student = Student.Register(new StudentProfile("Ada Lovelace"), "rita", DateTimeOffset.UtcNow);
            db.Students.Add(student);
            await db.SaveChangesAsync();
            studentId = student.Id;
        }

        var page = await Pages.SignedInPageAsync(browser.Browser, _app.ServerAddress, AppFactory.EmailOf("Rita Reception"), AppFactory.StaffPassword, Pages.Tablet);
        await Pages.GotoInteractiveAsync(page, $"/students/{studentId}/monitoring");
        await Assertions.Expect(page.GetByTestId("monitoring-status")).ToContainTextAsync("No answers have been given yet.");
        await Pages.AssertAccessibleAsync(page);
        await Pages.AssertNoHorizontalScrollAsync(page);

        await page.GetByRole(AriaRole.Group, new() { Name = "Fee status" }).GetByText("International").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save answers" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("monitoring-saved")).ToHaveTextAsync("Saved. Thank you.");
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Fee status" }).GetByRole(AriaRole.Radio, new() { Name = "Skip" })).ToBeCheckedAsync();
        await Pages.AssertAccessibleAsync(page);
    }
}
