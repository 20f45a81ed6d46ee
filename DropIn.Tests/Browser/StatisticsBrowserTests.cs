using DropIn.Domain.Cases;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DropIn.Tests.Browser;

/// <summary>A manager opens the statistics, sees a chart with its table of published figures, changes the period (axe-clean).</summary>
public sealed class StatisticsBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly AppFactory _app = new(kestrel: true);

    public async ValueTask InitializeAsync()
    {
        await _app.StaffAsync("Morgan Manager", Roles.Manager);
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync();
        var housing = await db.CaseCategories.Where(c => c.Name == "Housing").Select(c => c.Id).SingleAsync();
        var opened = DateTimeOffset.UtcNow.AddDays(-1);
        for (var i = 1; i <= 12; i++)
        {
            var student = Student.Register(new StudentProfile($"Student {i}"), "test", opened);
            db.Students.Add(student);
            db.Cases.Add(Case.Open(student.Id, housing, i, "Deposit withheld", "test", opened));
            var answers = MonitoringRecord.For(student.Id);
            answers.Answer(null, i <= 9 ? "Woman" : "Man", null, null, null, null, opened);
            db.MonitoringRecords.Add(answers);
        }

        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Manager_SeesAChartAndItsTable_ChangesThePeriod()
    {
        var page = await Pages.SignedInPageAsync(browser.Browser, _app.ServerAddress, AppFactory.EmailOf("Morgan Manager"), AppFactory.StaffPassword, Pages.Desktop);
        await Pages.GotoInteractiveAsync(page, "/statistics");

        await Assertions.Expect(page.GetByTestId("rules")).ToContainTextAsync("rounded to the nearest multiple of 5");
        var cases = page.GetByTestId("table-cases");
        await Assertions.Expect(cases.GetByRole(AriaRole.Table)).ToContainTextAsync("Housing");
        await Assertions.Expect(page.GetByTestId("chart-cases").GetByRole(AriaRole.Img, new() { Name = "Bar chart: Cases opened, by month and category. The figures are in the table that follows." })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("chart-cases").Locator("svg").First).ToBeVisibleAsync();
        // Twelve cases publish as 10; three men are too few to show, and a second figure hides with them.
        var men = page.GetByTestId("table-gender").Locator("tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "Man", Exact = true }) });
        await Assertions.Expect(men.GetByRole(AriaRole.Cell).First).ToHaveTextAsync("..");
        await Assertions.Expect(page.GetByTestId("note-gender")).ToContainTextAsync("small count(s) not shown");
        await Pages.AssertAccessibleAsync(page);

        var before = await page.GetByTestId("period").InnerTextAsync();
        await page.GetByTestId("period-picker").GetByText("This academic year").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Last 12 months" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("period")).Not.ToHaveTextAsync(before);
        await Assertions.Expect(cases.GetByRole(AriaRole.Table)).ToContainTextAsync("Housing");
        await Assertions.Expect(page.GetByTestId("table-cases").GetByRole(AriaRole.Row)).ToHaveCountAsync(14); // heading, 12 months, total
        await Pages.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task AnnualReport_ReadsAsAReport_AndIsAccessible()
    {
        var page = await Pages.SignedInPageAsync(browser.Browser, _app.ServerAddress, AppFactory.EmailOf("Morgan Manager"), AppFactory.StaffPassword, Pages.Desktop);
        var year = DropIn.Web.Features.Statistics.StatisticsPeriod.AcademicYearOf(DropIn.Domain.Calendar.YearMonth.Of(DateTimeOffset.UtcNow));
        await Pages.GotoInteractiveAsync(page, $"/statistics/annual/{year}");

        await Assertions.Expect(page.GetByTestId("narrative")).ToContainTextAsync("opened about 10 cases");
        await Assertions.Expect(page.GetByTestId("rules")).ToContainTextAsync("Figures not shown appear as");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Print" })).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("nav[aria-label=Main]")).ToBeHiddenAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await Pages.AssertAccessibleAsync(page);
    }
}
