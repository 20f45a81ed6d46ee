using System.Security.Claims;
using DropIn.Domain.Cases;
using DropIn.Domain.Enquiries;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Components.Shared;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Enquiries;
using DropIn.Web.Features.Students;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace DropIn.Tests.Browser;

/// <summary>The case file on two caseworkers' tablets: live entries, a summary conflict, drafts that survive, one-step filing.</summary>
public sealed class CaseBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly AppFactory _app = new(kestrel: true);
    private ClaimsPrincipal _sam = default!;
    private ClaimsPrincipal _reception = default!;
    private Case _case = default!;

    public async ValueTask InitializeAsync()
    {
        _reception = await _app.StaffAsync("Rita Reception", Roles.Reception);
        _sam = await _app.StaffAsync("Sam Okafor", Roles.Caseworker);
        var priya = await _app.StaffAsync("Priya Shah", Roles.Caseworker);
        var student = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(_reception, new StudentProfile("Aisha Rahman", Email: "ar123@cam.ac.uk")));
        var category = (await _app.UseAsync<CaseListsService, IReadOnlyList<CaseCategory>>(l => l.ActiveCategoriesAsync(_sam)))[0];
        _case = await _app.UseAsync<CaseService, Case>(c => c.OpenAsync(_sam, student.Id, category.Id, "Appeal against the Part IB result"));
        await _app.UseAsync<CaseService>(c => c.AddCaseworkerAsync(_sam, _case.Id, priya.FindFirstValue(ClaimTypes.NameIdentifier)!));
        var inAWeek = DropIn.Domain.Calendar.LondonTime.Today(DateTimeOffset.UtcNow).AddDays(7);
        await _app.UseAsync<CaseWorkService>(w => w.AddDeadlineAsync(_sam, _case.Id, "Appeal form to the Examinations Office", inAWeek));
        await _app.UseAsync<CaseWorkService>(w => w.AgreeActionAsync(_sam, _case.Id, PlanParty.Student, "Ask the GP for a dated letter", inAWeek));
        await _app.UseAsync<CaseWorkService, Consent>(w => w.RecordConsentAsync(_sam, _case.Id, "Senior Tutor", "The appeal grounds", "A letter of support",
            DropIn.Domain.Calendar.LondonTime.Today(DateTimeOffset.UtcNow), ConsentGivenBy.InPerson));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private Task<IPage> TabletAsync(string name) =>
        Pages.SignedInPageAsync(browser.Browser, _app.ServerAddress, AppFactory.EmailOf(name), AppFactory.StaffPassword, Pages.Tablet);

    [Fact]
    public async Task TwoCaseworkers_SeeEachOthersEntriesLive_AndTheSecondSummarySaveIsShownTheFirst()
    {
        var sam = await TabletAsync("Sam Okafor");
        var priya = await TabletAsync("Priya Shah");
        await Pages.GotoInteractiveAsync(sam, $"/cases/{_case.Id}");
        await Pages.GotoInteractiveAsync(priya, $"/cases/{_case.Id}");
        await Pages.AssertAccessibleAsync(sam);
        await Pages.AssertNoHorizontalScrollAsync(sam);

        await sam.GetByTestId("quick-note").FillAsync("Aisha phoned: the GP letter is on its way.");
        await sam.GetByRole(AriaRole.Button, new() { Name = "Save entry" }).ClickAsync();
        await Assertions.Expect(priya.GetByTestId("timeline")).ToContainTextAsync("the GP letter is on its way");

        await priya.GetByText("Advice", new() { Exact = true }).ClickAsync();
        await priya.GetByTestId("quick-note").FillAsync("Explained the appeal grounds again.");
        await priya.GetByRole(AriaRole.Button, new() { Name = "Save entry" }).ClickAsync();
        await Assertions.Expect(sam.GetByTestId("timeline")).ToContainTextAsync("Explained the appeal grounds again.");
        await Assertions.Expect(sam.GetByTestId("timeline-entry").First).ToContainTextAsync("Advice given");
        await Assertions.Expect(sam.GetByTestId("timeline-entry").First).ToContainTextAsync("Recorded by Priya Shah");

        await sam.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "gp-letter.pdf", MimeType = "application/pdf", Buffer = SampleFiles.Pdf() });
        await Assertions.Expect(priya.GetByTestId("case-documents")).ToContainTextAsync("gp-letter.pdf");
        await Assertions.Expect(priya.GetByTestId("timeline")).ToContainTextAsync("gp-letter.pdf");

        await sam.GetByRole(AriaRole.Button, new() { Name = "Edit summary" }).ClickAsync();
        await priya.GetByRole(AriaRole.Button, new() { Name = "Edit summary" }).ClickAsync();
        await sam.GetByLabel("Summary", new() { Exact = true }).FillAsync("Appeal: medical evidence (glandular fever) not considered.");
        await sam.GetByRole(AriaRole.Button, new() { Name = "Save summary" }).ClickAsync();
        // Sam's save must have landed before Priya saves, or hers would be the first and his the conflicting one.
        await Assertions.Expect(sam.GetByTestId("case-summary")).ToContainTextAsync("glandular fever");
        await Assertions.Expect(priya.GetByTestId("case-summary")).ToHaveCountAsync(0);
        await priya.GetByLabel("Summary", new() { Exact = true }).FillAsync("Appeal against the result; Senior Tutor supports.");
        await priya.GetByRole(AriaRole.Button, new() { Name = "Save summary" }).ClickAsync();

        var conflict = priya.GetByTestId("summary-conflict");
        await Assertions.Expect(conflict).ToContainTextAsync("glandular fever");
        await Assertions.Expect(priya.GetByLabel("Summary", new() { Exact = true })).ToHaveValueAsync("Appeal against the result; Senior Tutor supports.");
        await Pages.AssertAccessibleAsync(priya);
    }

    [Fact]
    public async Task AnExpiredConsent_SaysSoOnTheFile_AndTheCaseworkerRenewsItWithTheStudent()
    {
        var today = DropIn.Domain.Calendar.LondonTime.Today(DateTimeOffset.UtcNow);
        await _app.UseAsync<CaseWorkService, Consent>(w => w.RecordConsentAsync(_sam, _case.Id, "Accommodation Office", "The tenancy dates", "To confirm the move",
            today.AddMonths(-7), ConsentGivenBy.Email));
        var sam = await TabletAsync("Sam Okafor");
        await Pages.GotoInteractiveAsync(sam, $"/cases/{_case.Id}");
        var consents = sam.GetByTestId("consents");
        await Assertions.Expect(consents).ToContainTextAsync($"Expired on {Clock.Date(today.AddMonths(-7).AddMonths(6))}: nothing may be shared on it until the student renews it.");

        await sam.GetByRole(AriaRole.Button, new() { Name = "Renew consent for Accommodation Office" }).ClickAsync();
        var dialog = sam.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("Check that the student still agrees to share The tenancy dates with Accommodation Office");
        await Pages.AssertAccessibleAsync(sam);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(consents).ToContainTextAsync($"renewed {Clock.Date(today)}");
        await Assertions.Expect(consents).ToContainTextAsync($"Expires on {Clock.Date(today.AddMonths(6))}.");
        await Assertions.Expect(consents).Not.ToContainTextAsync("Expired on");
        await sam.SetViewportSizeAsync(320, 640);
        await Pages.AssertNoHorizontalScrollAsync(sam);
    }

    [Fact]
    public async Task AQuietCase_SaysAFollowUpIsDue_AndAFollowUpDateSetOnTheTablet_PutsItOffUntilThatDay()
    {
        // Opened eight weeks ago, and nobody has been in touch with the student since.
        var opened = DateTimeOffset.UtcNow.AddDays(-56);
        await _app.UseAsync<DropIn.Web.Data.DropInDbContext, int>(db => db.Cases.Where(c => c.Id == _case.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.OpenedAt, opened)));
        var sam = await TabletAsync("Sam Okafor");
        await Pages.GotoInteractiveAsync(sam, $"/cases/{_case.Id}");
        var followUp = sam.GetByTestId("follow-up");
        await Assertions.Expect(followUp).ToContainTextAsync($"No contact with the student recorded since the case was opened on {Clock.Date(DropIn.Domain.Calendar.LondonTime.Today(opened))}.");
        await Assertions.Expect(sam.GetByTestId("follow-up-prompt")).ToContainTextAsync(
            $"Follow-up due (no contact with the student since {Clock.Date(DropIn.Domain.Calendar.LondonTime.Today(opened))}): get in touch with the student and record it, set a new follow-up date, or close the case.");

        await followUp.GetByRole(AriaRole.Button, new() { Name = "Set follow-up date…" }).ClickAsync();
        var dialog = sam.GetByRole(AriaRole.Dialog);
        var inAWeek = DropIn.Domain.Calendar.LondonTime.Today(DateTimeOffset.UtcNow).AddDays(7);
        await Assertions.Expect(dialog.GetByLabel("Follow up on (yyyy-MM-dd)")).ToHaveValueAsync(inAWeek.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Pages.AssertAccessibleAsync(sam);
        var field = dialog.GetByLabel("Follow up on (yyyy-MM-dd)");
        await field.FillAsync("2020-01-06");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("Choose a day after today to follow up");
        await field.FillAsync(inAWeek.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        // A week on, or the next working day if that is a bank holiday (the test database records no closures).
        var calendar = new DropIn.Domain.Calendar.WorkingCalendar([]);
        var due = calendar.IsWorkingDay(inAWeek) ? inAWeek : calendar.WorkingDaysAfter(inAWeek, 1);
        await Assertions.Expect(followUp.GetByTestId("follow-up-due")).ToContainTextAsync($"Follow up on {Clock.Date(due)} (the date set).");
        await Assertions.Expect(sam.GetByTestId("follow-up-prompt")).ToHaveCountAsync(0);
        await Assertions.Expect(followUp.GetByRole(AriaRole.Button, new() { Name = "Clear the date" })).ToBeVisibleAsync();
        await sam.SetViewportSizeAsync(320, 640);
        await Pages.AssertNoHorizontalScrollAsync(sam);
    }

    [Fact]
    public async Task ClosingACase_RecordsWhatItAchieved_WalksTheChecklist_AndEmailsTheClosingLetterTheCaseworkerCompleted()
    {
        var sam = await TabletAsync("Sam Okafor");
        await Pages.GotoInteractiveAsync(sam, $"/cases/{_case.Id}");
        await sam.GetByRole(AriaRole.Button, new() { Name = "Close case" }).ClickAsync();
        var dialog = sam.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close case" }).ClickAsync();
        // Everything missing at once, beside the buttons.
        await Assertions.Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("Choose at least one outcome for the student");
        await Assertions.Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("advice only or casework");
        await Assertions.Expect(dialog.GetByRole(AriaRole.Alert)).ToBeInViewportAsync();

        // What the case achieved, with the money the student gained, and how much the service did.
        await dialog.GetByLabel("Appeal upheld", new() { Exact = true }).CheckAsync();
        await dialog.GetByLabel("Fees reduced", new() { Exact = true }).CheckAsync();
        await dialog.GetByLabel("Financial gain, £ (optional), for Fees reduced").FillAsync("1250");
        await dialog.GetByRole(AriaRole.Radio, new() { Name = "Casework" }).CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close case" }).ClickAsync();
        await Assertions.Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("Return the student's original documents first");

        await dialog.GetByLabel("The student's original documents were returned, or none were held").CheckAsync();
        await dialog.GetByLabel("Email the student a closing letter").CheckAsync();
        var letter = dialog.GetByRole(AriaRole.Textbox, new() { Name = "Closing letter" });
        await Assertions.Expect(letter).ToHaveValueAsync(new System.Text.RegularExpressions.Regex($"Dear Aisha Rahman,[\\s\\S]*reference {_case.Reference}[\\s\\S]*Sam Okafor"));
        await Pages.AssertAccessibleAsync(sam);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close case and send" }).ClickAsync();
        await Assertions.Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("[square brackets]");

        var written = (await letter.InputValueAsync()).Replace(ClosingLetter.Placeholder, "Your appeal was upheld and your mark corrected.", StringComparison.Ordinal);
        await letter.FillAsync(written);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close case and send" }).ClickAsync();

        await Assertions.Expect(sam.GetByTestId("case-status")).ToHaveTextAsync("Closed: Resolved");
        await Assertions.Expect(sam.GetByTestId("case-achieved")).ToHaveTextAsync("Achieved: Appeal upheld; Fees reduced, £1,250. Casework.");
        await Assertions.Expect(sam.GetByTestId("timeline-entry").First).ToContainTextAsync("Your appeal was upheld and your mark corrected.");
        var sent = (await new AppointmentHarness(_app).OutboxAsync()).Where(m => m.To == "ar123@cam.ac.uk").ToList();
        Assert.Equal("A letter for you", Assert.Single(sent).Subject);
        await sam.SetViewportSizeAsync(320, 640);
        await Pages.AssertNoHorizontalScrollAsync(sam);
    }

    [Fact]
    public async Task AHalfWrittenNote_SurvivesALostConnection_AndIsGoneOnceSaved()
    {
        var sam = await TabletAsync("Sam Okafor");
        await Pages.GotoInteractiveAsync(sam, $"/cases/{_case.Id}");
        await sam.GetByTestId("quick-note").FillAsync("Half-written: she said the hearing is on");

        // A new circuit, as after a dropped connection the server could not resume: the page loads afresh.
        await sam.ReloadAsync();
        await sam.WaitForSelectorAsync("[data-ready=true]", new() { State = WaitForSelectorState.Attached });

        await Assertions.Expect(sam.GetByTestId("quick-note")).ToHaveValueAsync("Half-written: she said the hearing is on");
        await Assertions.Expect(sam.GetByText("Your unsaved draft was restored.")).ToBeVisibleAsync();
        await sam.GetByRole(AriaRole.Button, new() { Name = "Save entry" }).ClickAsync();
        await Assertions.Expect(sam.GetByTestId("timeline")).ToContainTextAsync("she said the hearing is on");
        await sam.ReloadAsync();
        await sam.WaitForSelectorAsync("[data-ready=true]", new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(sam.GetByTestId("quick-note")).ToHaveValueAsync("");
    }

    [Fact]
    public async Task FromTheEnquiryBoard_ACaseworkerRegistersTheStudentAndOpensACase_InOneStep()
    {
        await _app.UseAsync<EnquiryService, Enquiry>(e => e.RecordAsync(_reception, EnquiryChannel.Phone, DateTimeOffset.UtcNow.AddHours(-1), "Barnaby Wick", "bw42@cam.ac.uk", "Voicemail: housing deposit kept", null));
        var sam = await TabletAsync("Sam Okafor");
        await Pages.GotoInteractiveAsync(sam, "/enquiries");

        await sam.GetByRole(AriaRole.Button, new() { Name = "Actions for the enquiry from Barnaby Wick" }).ClickAsync();
        await sam.GetByText("Open or add to a case…").ClickAsync();
        var dialog = sam.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog.GetByText("No registered student matches.")).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(sam);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Register as a new student" }).ClickAsync();
        // The registration form, filled in from the enquiry: nothing is created until Register.
        await Assertions.Expect(dialog.GetByLabel("Full name")).ToHaveValueAsync("Barnaby Wick");
        await Assertions.Expect(dialog.GetByLabel("University email")).ToHaveValueAsync("bw42@cam.ac.uk");
        await dialog.GetByLabel("College").FillAsync("Darwin");
        await Pages.AssertAccessibleAsync(sam);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();
        await Assertions.Expect(dialog.GetByText("2. Which case, for Barnaby Wick?")).ToBeVisibleAsync();
        // No category is chosen for the caseworker: opening without one says so and files nothing.
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Open a new case" }).ClickAsync();
        await Assertions.Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("Choose the new case's category.");
        await dialog.GetByLabel("New case category").ClickAsync();
        await sam.GetByRole(AriaRole.Option, new() { Name = "Housing" }).ClickAsync();
        await Assertions.Expect(dialog.GetByRole(AriaRole.Combobox, new() { Name = "New case category" })).ToContainTextAsync("Housing"); // the server has the choice
        // First contact: what the student was given is kept with the case (in person is the default way).
        await dialog.GetByRole(AriaRole.Checkbox, new() { Name = "Confidentiality policy" }).CheckAsync();
        await dialog.GetByRole(AriaRole.Checkbox, new() { Name = "Complaints procedure" }).CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Open a new case" }).ClickAsync();

        await Assertions.Expect(sam.GetByTestId("sla-table")).Not.ToContainTextAsync("Barnaby Wick");
        await sam.GetByRole(AriaRole.Button, new() { Name = "Open", Exact = true }).ClickAsync();
        await Assertions.Expect(sam).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/cases/[0-9a-f-]{36}$"));
        await Assertions.Expect(sam.GetByRole(AriaRole.Heading, new() { Name = "C0002 · Barnaby Wick" })).ToBeVisibleAsync();
        await Assertions.Expect(sam.GetByTestId("student-history")).ToContainTextAsync("Voicemail: housing deposit kept");
        var opening = sam.GetByTestId("case-opening");
        await Assertions.Expect(opening.GetByTestId("information-given")).ToContainTextAsync("Given: confidentiality policy and complaints procedure (last recorded: in person, on");
        await Assertions.Expect(opening.GetByTestId("information-given")).ToContainTextAsync("by Sam Okafor).");
        await Assertions.Expect(opening.GetByTestId("information-missing")).ToHaveTextAsync("Not recorded as given: code of practice.");
        await Assertions.Expect(opening.GetByTestId("conflict-check")).ToContainTextAsync("No open dispute involves this student.");
        await Pages.AssertAccessibleAsync(sam);

        await opening.GetByRole(AriaRole.Button, new() { Name = "Record information given…" }).ClickAsync();
        var record = sam.GetByRole(AriaRole.Dialog);
        await record.GetByRole(AriaRole.Checkbox, new() { Name = "Code of practice" }).CheckAsync();
        await Pages.AssertAccessibleAsync(sam);
        await record.GetByRole(AriaRole.Button, new() { Name = "Record", Exact = true }).ClickAsync();
        await Assertions.Expect(opening.GetByTestId("information-given")).ToContainTextAsync("Given: confidentiality policy, code of practice and complaints procedure (last recorded: in person");
        await Assertions.Expect(opening.GetByTestId("information-missing")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Registration_WarnsOfALikelyDuplicate_AndTheStudentRecordShowsTheCase()
    {
        var desk = await Pages.SignedInPageAsync(browser.Browser, _app.ServerAddress, AppFactory.EmailOf("Rita Reception"), AppFactory.StaffPassword, Pages.Desktop);
        await Pages.GotoInteractiveAsync(desk, "/students/new");
        await desk.GetByLabel("Full name").FillAsync("Ayesha Rahman");
        await desk.GetByLabel("University email").FocusAsync();

        await Assertions.Expect(desk.GetByTestId("possible-duplicates")).ToContainTextAsync("Aisha Rahman");
        await Pages.AssertAccessibleAsync(desk);
        await desk.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Assertions.Expect(desk.GetByRole(AriaRole.Alert).Filter(new() { HasText = "may be a student who is already registered" })).ToBeVisibleAsync();

        var sam = await TabletAsync("Sam Okafor");
        await Pages.GotoInteractiveAsync(sam, "/students");
        await sam.GetByLabel("Name, email or student ID").FillAsync("aisha");
        await sam.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await sam.GetByRole(AriaRole.Link, new() { Name = "Aisha Rahman" }).ClickAsync();
        await Assertions.Expect(sam.GetByTestId("student-cases")).ToContainTextAsync("C0001");
        await Pages.AssertAccessibleAsync(sam);
        await Pages.AssertNoHorizontalScrollAsync(sam);
    }
}
