using System.Security.Claims;
using DropIn.Domain.Cases;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Students;
using DropIn.Web.Security;
using Microsoft.Playwright;

namespace DropIn.Tests.Browser;

/// <summary>A manager draws files, reviews one on a desktop, and the caseworker sees the action on a phone and acknowledges it; checked with axe.</summary>
public sealed class FileReviewBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly AppFactory _app = new(kestrel: true);

    public async ValueTask InitializeAsync()
    {
        var reception = await _app.StaffAsync("Rita Reception", Roles.Reception);
        await _app.StaffAsync("Morgan Manager", Roles.Manager);
        var sam = await _app.StaffAsync("Sam Okafor", Roles.Caseworker);
        var category = (await _app.UseAsync<CaseListsService, IReadOnlyList<CaseCategory>>(l => l.ActiveCategoriesAsync(sam)))[0].Id;
        foreach (var name in new[] { "Aisha Rahman", "Ben Carter" })
        {
            var student = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(reception, new StudentProfile(name)));
            await _app.UseAsync<CaseService, Case>(c => c.OpenAsync(sam, student.Id, category, "A matter"));
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AManagerReviewsADrawnFile_AndTheCaseworkerSeesTheActionAndAcknowledges()
    {
        var morgan = await Pages.SignedInPageAsync(browser.Browser, _app.ServerAddress, AppFactory.EmailOf("Morgan Manager"), AppFactory.StaffPassword, Pages.Desktop);
        await Pages.GotoInteractiveAsync(morgan, "/reviews");
        await morgan.GetByRole(AriaRole.Button, new() { Name = "Draw this month's files" }).ClickAsync();
        // Sam is on both files, so Morgan, the only other reviewer, has both.
        await Assertions.Expect(morgan.GetByTestId("to-review").GetByRole(AriaRole.Link)).ToHaveCountAsync(2);
        await Assertions.Expect(morgan.GetByTestId("review-plan")).ToContainTextAsync("Sam Okafor");
        await Pages.AssertAccessibleAsync(morgan);

        // An earlier quarter, as an assessor asks to see: nothing was drawn then; back to this one.
        var thisQuarter = DropIn.Web.Features.Reviews.ReviewText.QuarterOf(DropIn.Domain.Calendar.YearMonth.Of(DateTimeOffset.UtcNow));
        await morgan.GetByLabel("Quarter").ClickAsync();
        await morgan.GetByRole(AriaRole.Option, new() { Name = thisQuarter.Previous.Label }).ClickAsync();
        await Assertions.Expect(morgan.GetByTestId("quarter-reviews")).ToContainTextAsync("No files were drawn in this quarter.");
        await Assertions.Expect(morgan.GetByRole(AriaRole.Heading, new() { Name = $"Reviews against the plan, {thisQuarter.Previous.Label}" })).ToBeVisibleAsync();
        await morgan.GetByLabel("Quarter").ClickAsync();
        await morgan.GetByRole(AriaRole.Option, new() { Name = thisQuarter.Label }).ClickAsync();
        await Assertions.Expect(morgan.GetByTestId("quarter-reviews").GetByRole(AriaRole.Link)).ToHaveCountAsync(2);

        await morgan.GetByTestId("to-review").GetByRole(AriaRole.Link).First.ClickAsync();
        var form = morgan.GetByTestId("review-form");
        await Assertions.Expect(form).ToBeVisibleAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Complete the review" }).ClickAsync();
        await Assertions.Expect(form.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Score every criterion once (\"Not applicable\" where it does not apply).");
        foreach (var group in await form.GetByRole(AriaRole.Radiogroup).AllAsync())
        {
            await group.GetByRole(AriaRole.Radio, new() { Name = "Met", Exact = true }).CheckAsync();
        }

        await form.GetByLabel("Comments for the caseworker").FillAsync("Clear advice, well kept.");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add an action" }).ClickAsync();
        await form.GetByLabel("Action 1", new() { Exact = true }).FillAsync("Record the student's decision after each meeting");
        await Pages.AssertAccessibleAsync(morgan);
        await form.GetByRole(AriaRole.Button, new() { Name = "Complete the review" }).ClickAsync();
        await Assertions.Expect(morgan.GetByTestId("review-status")).ToHaveTextAsync("Waiting for the caseworker");

        var sam = await Pages.SignedInPageAsync(browser.Browser, _app.ServerAddress, AppFactory.EmailOf("Sam Okafor"), AppFactory.StaffPassword, Pages.Phone);
        await Pages.GotoInteractiveAsync(sam, "/reviews");
        await Assertions.Expect(sam.GetByTestId("my-reviews")).ToContainTextAsync("1 action(s) open");
        await Pages.AssertNoHorizontalScrollAsync(sam);
        await sam.GetByTestId("my-reviews").GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(sam.GetByTestId("review-actions")).ToContainTextAsync("Record the student's decision after each meeting");
        await Assertions.Expect(sam.GetByTestId("review-comments")).ToHaveTextAsync("Clear advice, well kept.");
        await Pages.AssertAccessibleAsync(sam);
        await Pages.AssertNoHorizontalScrollAsync(sam);
        await sam.GetByRole(AriaRole.Button, new() { Name = "I have read this review" }).ClickAsync();
        await Assertions.Expect(sam.GetByTestId("review-acknowledged")).ToContainTextAsync("Acknowledged by Sam Okafor");
        await sam.GetByRole(AriaRole.Button, new() { Name = "Mark done: Record the student's decision after each meeting" }).ClickAsync();
        await Assertions.Expect(sam.GetByTestId("review-actions")).ToContainTextAsync(": done");
    }
}
