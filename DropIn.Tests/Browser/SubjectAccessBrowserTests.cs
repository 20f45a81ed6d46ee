using DropIn.Domain.Calendar;
using DropIn.Domain.Cases;
using DropIn.Domain.Confidentiality;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Components.Shared;
using DropIn.Web.Features.Students;
using DropIn.Web.Security;
using Microsoft.Playwright;

namespace DropIn.Tests.Browser;

/// <summary>A manager records a student's subject access request and sees it on the board with its statutory deadline.</summary>
public sealed class SubjectAccessBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly AppFactory _app = new(kestrel: true);

    public async ValueTask InitializeAsync()
    {
        var reception = await _app.StaffAsync("Rita Reception", Roles.Reception);
        await _app.StaffAsync("Morgan Manager", Roles.Manager);
        await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(reception, new StudentProfile("Aisha Rahman", Email: "ar123@cam.ac.uk")));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AManagerRecordsARequest_ItAppearsOnTheBoardWithItsDeadline()
    {
        var manager = await Pages.SignedInPageAsync(browser.Browser, _app.ServerAddress, AppFactory.EmailOf("Morgan Manager"), AppFactory.StaffPassword, Pages.Desktop);
        await Pages.GotoInteractiveAsync(manager, "/subject-access");
        await Assertions.Expect(manager.GetByText("No open requests.")).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(manager);

        await manager.GetByRole(AriaRole.Button, new() { Name = "Record a request" }).ClickAsync();
        var dialog = manager.GetByRole(AriaRole.Dialog);
        await Pages.ChooseFromAutocompleteAsync(manager, dialog.GetByLabel("Student (name, email or ID)"), "Aisha", "Aisha Rahman");
        var deadline = SubjectAccessDeadline.For(LondonTime.Today(DateTimeOffset.UtcNow));
        await Assertions.Expect(dialog.GetByTestId("sar-deadline-preview")).ToContainTextAsync(Clock.Date(deadline));
        await Pages.AssertAccessibleAsync(manager);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Record request" }).ClickAsync();

        var row = manager.GetByTestId("sar-open").GetByRole(AriaRole.Row).Filter(new() { HasText = "SAR0001" });
        await Assertions.Expect(row).ToContainTextAsync("Aisha Rahman");
        await Assertions.Expect(row).ToContainTextAsync(Clock.Date(deadline));
        await Assertions.Expect(row.GetByTestId("sar-days-left")).ToContainTextAsync($"{deadline.DayNumber - LondonTime.Today(DateTimeOffset.UtcNow).DayNumber} day(s)");
        await Pages.AssertAccessibleAsync(manager);

        await row.GetByRole(AriaRole.Link, new() { Name = "SAR0001" }).ClickAsync();
        await Assertions.Expect(manager.GetByTestId("sar-deadline")).ToContainTextAsync(Clock.Date(deadline));
        await manager.GetByRole(AriaRole.Button, new() { Name = "Compile the record" }).ClickAsync();
        await Assertions.Expect(manager.GetByTestId("sar-status")).ToContainTextAsync("Compiled");
        await Pages.AssertAccessibleAsync(manager);
    }
}
