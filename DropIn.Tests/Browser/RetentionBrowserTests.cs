using DropIn.Domain.Cases;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Students;
using DropIn.Web.Security;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace DropIn.Tests.Browser;

/// <summary>A manager's monthly retention review on a tablet: a record due for destruction, held with a reason. Axe-clean.</summary>
public sealed class RetentionBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    // Seven years and a few days ago, so the student registered then is due now.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow.AddYears(-7).AddDays(-3));
    private AppFactory _app = default!;

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(kestrel: true, clock: _clock);
        var sam = await _app.StaffAsync("Sam Okafor", Roles.Caseworker);
        await _app.StaffAsync("Mo Manager", Roles.Manager);
        await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(sam, new StudentProfile("Ada Lovelace", Email: "al123@cam.ac.uk"), confirmedNotDuplicate: true));
        _clock.SetUtcNow(DateTimeOffset.UtcNow);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AManager_SeesARecordDue_AndHoldsItWithAReason()
    {
        var page = await Pages.SignedInPageAsync(browser.Browser, _app.ServerAddress, AppFactory.EmailOf("Mo Manager"), AppFactory.StaffPassword, Pages.Tablet);
        await Pages.GotoInteractiveAsync(page, "/retention");

        var row = page.GetByTestId("retention-rows").GetByRole(AriaRole.Row).Filter(new() { HasText = "Ada Lovelace" });
        await Assertions.Expect(row).ToContainTextAsync("Awaiting your review");
        await Pages.AssertAccessibleAsync(page);

        await row.GetByRole(AriaRole.Button, new() { Name = "Hold Ada Lovelace" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Reason for keeping the record").FillAsync("Complaint to the OIA still open");
        await Pages.AssertAccessibleAsync(page);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Hold the record" }).ClickAsync();

        await Assertions.Expect(row).ToContainTextAsync("On hold");
        await Assertions.Expect(row).ToContainTextAsync("Complaint to the OIA still open");
        await Assertions.Expect(page.GetByTestId("confirm-review")).ToBeDisabledAsync();
    }
}
