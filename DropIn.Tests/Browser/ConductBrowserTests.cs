using System.Globalization;
using DropIn.Domain.Cases;
using DropIn.Domain.Conduct;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DropIn.Tests.Browser;

/// <summary>A manager records an incident, issues a warning and withdraws the service, on a desktop, checked with axe.</summary>
public sealed class ConductBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly AppFactory _app = new(kestrel: true, settings: AppFactory.AlwaysOpen());
    private Guid _studentId;

    public async ValueTask InitializeAsync()
    {
        await _app.StaffAsync("Morgan Manager", Roles.Manager);
        await _app.StaffAsync("Rita Reception", Roles.Reception);
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync();
        var student = Student.Register(new StudentProfile("Ada Lovelace", Email: "al123@cam.ac.uk"), "rita", DateTimeOffset.UtcNow);
        db.Students.Add(student);
        db.Signposts.Add(Signpost.Create("Citizens Advice", "Independent advice", "0800 144 8848"));
        await db.SaveChangesAsync();
        _studentId = student.Id;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Manager_RecordsAnIncident_IssuesAWarning_AndWithdrawsTheService()
    {
        var page = await Pages.SignedInPageAsync(browser.Browser, _app.ServerAddress, AppFactory.EmailOf("Morgan Manager"), AppFactory.StaffPassword, Pages.Desktop);
        await Pages.GotoInteractiveAsync(page, $"/students/{_studentId}/conduct");
        await Assertions.Expect(page.GetByTestId("withdrawal-status")).ToContainTextAsync("The service is not withdrawn.");
        await Pages.AssertAccessibleAsync(page);

        await page.GetByLabel("What happened").FillAsync("Shouted at the reception desk and swore at Rita.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record incident" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("conduct-incidents")).ToContainTextAsync("Shouted at the reception desk");

        await page.GetByRole(AriaRole.Group, new() { Name = "Behaviour the warning is about" }).GetByText("Aggressive or inappropriate language").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Draft the warning letter" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Warning letter (edit before issuing)")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Dear Ada Lovelace"));
        await Pages.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue warning" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("conduct-warnings")).ToContainTextAsync("Warning issued");

        await page.GetByRole(AriaRole.Group, new() { Name = "Grounds for withdrawal" }).GetByText("Aggressive or inappropriate language").ClickAsync();
        await page.GetByLabel("Reasons for the decision (the student is told these)").FillAsync("You swore at reception staff again after our written warning.");
        var review = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.GetByLabel("Review date").FillAsync(review);
        await page.GetByLabel("Alternative source of advice (from the referral directory)").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Citizens Advice" }).ClickAsync();
        // The choice is the server's once the page drops the "why no alternative" question. On a loaded machine a click
        // straight after the option went unanswered (no notice, the choice shown later): most likely it was handled while
        // no alternative was chosen yet, and refused for want of a reason. A person sees the question go first.
        await Assertions.Expect(page.GetByLabel("Why no alternative can be offered")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Draft the notice letter" }).ClickAsync();
        var notice = page.GetByLabel("Notice of withdrawal (edit before sending)");
        await Assertions.Expect(notice).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("0800 144 8848"));
        await Pages.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw the service" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("withdrawal-status")).ToContainTextAsync("Service withdrawn on");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Lift the withdrawal" })).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Read or print the notice" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("letter-text")).ToContainTextAsync("You swore at reception staff again");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Print" })).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(page);

        await Pages.GotoInteractiveAsync(page, "/conduct");
        await Assertions.Expect(page.GetByTestId("withdrawals-table")).ToContainTextAsync("Ada Lovelace");
        await Pages.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Reception_CheckingInAWithdrawnStudent_SeesTheFlag_AndNoTicketIsMade()
    {
        await using (var db = await _app.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync())
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var decision = new WithdrawalDecision(IncidentKind.ViolenceOrThreat, "Threatened staff.", today.AddMonths(2), "Immediate risk", null, "None suitable", LetterDelivery.Post);
            db.Withdrawals.Add(Withdrawal.Decide(_studentId, decision, null, null, "Notice", "morgan", DateTimeOffset.UtcNow, today));
            await db.SaveChangesAsync();
        }

        var page = await Pages.SignedInPageAsync(browser.Browser, _app.ServerAddress, AppFactory.EmailOf("Rita Reception"), AppFactory.StaffPassword, Pages.Desktop);
        await Pages.GotoInteractiveAsync(page, "/queue");
        await page.GetByLabel("Name").FillAsync("Ada Lovelace");
        await page.GetByLabel("Email or ID (optional)").FillAsync("al123@cam.ac.uk");
        await page.GetByLabel("What it is about").FillAsync("Appeal");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check in" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("withdrawn-flag")).ToContainTextAsync("Service withdrawn — review date");
        await Assertions.Expect(page.GetByTestId("withdrawn-flag")).ToContainTextAsync("speak to a manager");
        await Assertions.Expect(page.GetByTestId("last-ticket")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Check in anyway (manager)" })).ToHaveCountAsync(0);
        await Pages.AssertAccessibleAsync(page);
    }
}
