using DropIn.Domain.Cases;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Students;
using DropIn.Web.Features.Visits;
using DropIn.Web.Security;
using Microsoft.Playwright;

namespace DropIn.Tests.Browser;

/// <summary>
/// A manager records a student's yes to sampling and gives an assessor access; the assessor signs in with two steps on
/// a tablet, sees only the consented file, masked, and loses it the moment the manager ends the visit. Checked with axe.
/// </summary>
public sealed class AssessorVisitBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly AppFactory _app = new(kestrel: true);
    private readonly Dictionary<string, (Guid Student, Case Case)> _files = [];
    private byte[] _assessorKey = [];

    public async ValueTask InitializeAsync()
    {
        var reception = await _app.StaffAsync("Rita Reception", Roles.Reception);
        await _app.StaffAsync("Morgan Manager", Roles.Manager);
        var sam = await _app.StaffAsync("Sam Okafor", Roles.Caseworker);
        await _app.StaffAsync("Jo Assessor", Roles.Assessor);
        _assessorKey = await _app.EnrolAuthenticatorAsync(AppFactory.EmailOf("Jo Assessor"));
        var category = (await _app.UseAsync<CaseListsService, IReadOnlyList<CaseCategory>>(l => l.ActiveCategoriesAsync(sam)))[0].Id;
        foreach (var name in new[] { "Aisha Rahman", "Ben Carter" })
        {
            var student = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(reception, new StudentProfile(name)));
            var opened = await _app.UseAsync<CaseService, Case>(c => c.OpenAsync(sam, student.Id, category, $"{name} appeals a mark; phone 07700 900123."));
            _files[name] = (student.Id, opened);
        }

        await _app.UseAsync<SamplingConsentService>(c => c.RecordAsync(reception, _files["Ben Carter"].Student, false));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AnAssessorSeesOnlyTheConsentedFile_Masked_AndLosesItWhenTheVisitEnds()
    {
        var morgan = await Pages.SignedInPageAsync(browser.Browser, _app.ServerAddress, AppFactory.EmailOf("Morgan Manager"), AppFactory.StaffPassword, Pages.Desktop);

        // Aisha is asked at her next visit, and says yes: nothing was assumed before.
        await Pages.GotoInteractiveAsync(morgan, $"/students/{_files["Aisha Rahman"].Student}");
        var panel = morgan.GetByTestId("sampling-consent-panel");
        await Assertions.Expect(panel).ToContainTextAsync("not asked");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Change the answer about file sampling" }).ClickAsync();
        await panel.GetByRole(AriaRole.Radio, new() { Name = "Yes", Exact = true }).CheckAsync();
        await Pages.AssertAccessibleAsync(morgan);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Save answer" }).ClickAsync();
        await Assertions.Expect(panel).ToContainTextAsync("yes, recorded");

        await Pages.GotoInteractiveAsync(morgan, "/visits");
        await Assertions.Expect(morgan.GetByTestId("consented-count")).ToContainTextAsync("1 file may be sampled now.");
        // A number out of range is refused beside the button, in words, and nothing is given.
        await morgan.GetByLabel("Files in the sample (1 to 30)").FillAsync("0");
        await morgan.GetByTestId("visit-grant").ClickAsync();
        await Assertions.Expect(morgan.GetByTestId("visit-error")).ToHaveTextAsync("Choose from 1 to 30 files for the sample.");
        await Assertions.Expect(morgan.GetByTestId("visits-table")).ToContainTextAsync("No visits yet.");
        await morgan.GetByLabel("Files in the sample (1 to 30)").FillAsync("10");
        await morgan.GetByTestId("visit-grant").ClickAsync();
        await Assertions.Expect(morgan.GetByTestId("visits-table")).ToContainTextAsync("Jo Assessor");
        await Pages.AssertAccessibleAsync(morgan);

        // Two steps for an assessor, though this installation asks none of its own staff.
        var jo = await Pages.SignedInWithCodeAsync(browser.Browser, _app.ServerAddress, AppFactory.EmailOf("Jo Assessor"), AppFactory.StaffPassword, _assessorKey, Pages.Tablet);
        await Pages.GotoInteractiveAsync(jo, "/assess");
        var files = jo.GetByTestId("assess-files");
        await Assertions.Expect(files.GetByRole(AriaRole.Link)).ToHaveCountAsync(1);
        await Assertions.Expect(files.GetByRole(AriaRole.Link)).ToHaveTextAsync(_files["Aisha Rahman"].Case.Reference);
        await Pages.AssertAccessibleAsync(jo);
        await Pages.AssertNoHorizontalScrollAsync(jo);

        await files.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(jo.GetByTestId("assessed-summary")).ToHaveTextAsync("[name] appeals a mark; phone [phone].");
        await Assertions.Expect(jo.Locator("body")).Not.ToContainTextAsync("Aisha");
        await Pages.AssertAccessibleAsync(jo);
        await Pages.AssertNoHorizontalScrollAsync(jo);

        // The manager ends the visit: the assessor's open screen goes to the sign-in page, and the file is not served again.
        await morgan.GetByRole(AriaRole.Button, new() { Name = "End now: Jo Assessor's visit" }).ClickAsync();
        await morgan.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "End the visit" }).ClickAsync();
        await Assertions.Expect(morgan.GetByTestId("visits-table")).ToContainTextAsync("(ended early)");
        await jo.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
        await jo.GotoAsync($"/assess/{_files["Aisha Rahman"].Case.Id}");
        await Assertions.Expect(jo).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await Assertions.Expect(jo.Locator("body")).Not.ToContainTextAsync("appeals a mark");
    }
}
