using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace DropIn.Tests.Browser;

/// <summary>A manager on a phone adds a caseworker at /staff, then gives them reception too: the dialogs fit, read well to axe, and the account is listed and invited.</summary>
public sealed class AddStaffBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly AppFactory _app = new(kestrel: true);

    public async ValueTask InitializeAsync() => await _app.StaffAsync("Morgan Manager", Roles.Manager);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AManagerOnAPhone_AddsACaseworker_WhoIsListedAndSentTheLink()
    {
        var manager = await Pages.SignedInPageAsync(browser.Browser, _app.ServerAddress, AppFactory.EmailOf("Morgan Manager"), AppFactory.StaffPassword, Pages.Phone);
        await Pages.GotoInteractiveAsync(manager, "/staff");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Add a member of staff" }).ClickAsync();
        var dialog = manager.GetByRole(AriaRole.Dialog);
        // A manager cannot give the Admin role: only an administrator gives it.
        await Assertions.Expect(dialog.GetByRole(AriaRole.Checkbox, new() { Name = "Manager" })).ToBeEnabledAsync();
        await Assertions.Expect(dialog.GetByRole(AriaRole.Checkbox, new() { Name = "Admin" })).ToBeDisabledAsync();

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add and send the link" }).ClickAsync();
        await Assertions.Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("Enter their name");
        await Pages.AssertAccessibleAsync(manager);
        await Pages.AssertNoHorizontalScrollAsync(manager);

        await dialog.GetByLabel("Name").FillAsync("Nia Newcomer");
        await dialog.GetByLabel("Work email").FillAsync("nia.newcomer@example.ac.uk");
        await dialog.GetByRole(AriaRole.Checkbox, new() { Name = "Caseworker" }).CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add and send the link" }).ClickAsync();

        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        var row = manager.GetByTestId("staff-accounts").GetByRole(AriaRole.Row).Filter(new() { HasText = "nia.newcomer@example.ac.uk" });
        await Assertions.Expect(row).ToContainTextAsync("Nia Newcomer");
        await Assertions.Expect(row).ToContainTextAsync("Caseworker");
        await Pages.AssertAccessibleAsync(manager);
        await Pages.AssertNoHorizontalScrollAsync(manager);
        Assert.Equal(1, await _app.UseAsync<DropInDbContext, int>(db => db.Outbox.CountAsync(m => m.To == "nia.newcomer@example.ac.uk" && m.Subject == "Your DropIn account")));

        await row.GetByRole(AriaRole.Button, new() { Name = "Change roles of Nia Newcomer" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Checkbox, new() { Name = "Reception" }).CheckAsync();
        await Pages.AssertAccessibleAsync(manager);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save roles" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(row).ToContainTextAsync("Caseworker, Reception");
    }
}
