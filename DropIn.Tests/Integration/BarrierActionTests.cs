using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using DropIn.Domain.Appointments;
using DropIn.Domain.Cases;
using DropIn.Domain.Conduct;
using DropIn.Domain.Confidentiality;
using DropIn.Domain.Enquiries;
using DropIn.Domain.Queue;
using DropIn.Domain.Retention;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Features.Appointments;
using DropIn.Web.Features.Appointments.Diary;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Conduct;
using DropIn.Web.Features.Disputes;
using DropIn.Web.Features.Enquiries;
using DropIn.Web.Features.Feedback;
using DropIn.Web.Features.Queue;
using DropIn.Web.Features.Retention;
using DropIn.Web.Features.Students;
using DropIn.Web.Features.SubjectAccess;
using DropIn.Web.Security;
using DropIn.Web.Security.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

/// <summary>
/// Every action a walled-off member of staff could take on every kind of row a screen hides from them, tried through
/// the services (not the screens): a caseworker and a manager on Aisha's side, against Ben on the other side. Ben's
/// rows come linked to his record and not yet linked (matched by name or email only). Each attempt must be refused by
/// the barrier, change nothing in the database, queue no email, and leave one refusal in the audit trail.
/// </summary>
public sealed partial class BarrierActionTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = London.Clock(2026, 11, 24, 12, 30); // Tuesday, in the drop-in session
    private readonly DateTimeOffset _wednesday = London.At(2026, 11, 25, 10, 0);
    private AppFactory _app = default!;
    private ClaimsPrincipal _reception = default!;
    private ClaimsPrincipal _sam = default!;
    private ClaimsPrincipal _wendy = default!;
    private ClaimsPrincipal _priya = default!;
    private ClaimsPrincipal _morgan = default!;
    private string _caraId = "";
    private string _alexId = "";
    private Student _aisha = default!;
    private Student _ben = default!;
    private Case _aishaCase = default!;
    private Case _benCase = default!;
    private int _category;
    private Dispute _dispute = default!;
    private Dispute _otherDispute = default!;
    private Ticket _benTicket = default!;
    private Ticket _lookalikeTicket = default!;
    private Appointment _benAppointment = default!;
    private Appointment _lookalikeAppointment = default!;
    private Enquiry _benEnquiry = default!;
    private Enquiry _lookalikeEnquiry = default!;
    private CaseDocument _benDocument = default!;
    private ConductWarning _benWarning = default!;
    private Withdrawal _benWithdrawal = default!;
    private SubjectAccessRequest _benRequest = default!;
    private Guid _benHold;

    private static string Id(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock, settings: AppFactory.AlwaysOpen());
        var appointments = new AppointmentHarness(_app);
        _caraId = Id(await appointments.CaseworkerAsync("Cara Diary", new TimeOnly(9, 0), new TimeOnly(17, 0)));
        _reception = await _app.StaffAsync("Rita Reception", Roles.Reception);
        _sam = await _app.StaffAsync("Sam Okafor", Roles.Caseworker);
        _priya = await _app.StaffAsync("Priya Shah", Roles.Caseworker);
        _alexId = Id(await _app.StaffAsync("Alex Neutral", Roles.Caseworker));
        _wendy = await _app.StaffAsync("Wendy Walled", Roles.Manager);
        _morgan = await _app.StaffAsync("Morgan Neutral", Roles.Manager);
        _aisha = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(_reception, new StudentProfile("Aisha Rahman", Email: "ar123@cam.ac.uk")));
        _ben = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(_reception, new StudentProfile("Ben Carter", Email: "bc456@cam.ac.uk")));
        _category = (await _app.UseAsync<CaseListsService, IReadOnlyList<CaseCategory>>(l => l.ActiveCategoriesAsync(_sam)))[0].Id;
        _aishaCase = await _app.UseAsync<CaseService, Case>(c => c.OpenAsync(_sam, _aisha.Id, _category, "Harassment complaint"));
        _benCase = await _app.UseAsync<CaseService, Case>(c => c.OpenAsync(_priya, _ben.Id, _category, "Response to a complaint"));

        // Ben's rows, each linked to his record, and a look-alike of each not linked to any record yet.
        var queue = new QueueHarness(_app);
        _benTicket = await queue.CheckInAsync(_reception, new StudentDetails("Ben Carter", "bc456@cam.ac.uk", null, "About the hearing", false, null));
        _lookalikeTicket = await queue.CheckInAsync(_reception, "Benjamin Carter");
        _benAppointment = await appointments.DiaryAsync(d => d.BookAsync(_reception, At(_wednesday), AppointmentHarness.Booking("Ben Carter", "bc456@cam.ac.uk")));
        _lookalikeAppointment = await appointments.DiaryAsync(d => d.BookAsync(_reception, At(_wednesday.AddHours(1)), AppointmentHarness.Booking("Benjamin Carter", "benjamin.carter@example.org")));
        _benEnquiry = await _app.UseAsync<EnquiryService, Enquiry>(e => e.RecordAsync(_reception, EnquiryChannel.Phone, _clock.GetUtcNow(), "Ben Carter", null, "Voicemail about the hearing", null, _ben.Id));
        _lookalikeEnquiry = await _app.UseAsync<EnquiryService, Enquiry>(e => e.RecordAsync(_reception, EnquiryChannel.Email, _clock.GetUtcNow(), "B Carter", "BC456@cam.ac.uk", "Email about the hearing", null));
        await _app.UseAsync<CaseService>(c => c.AddToCaseAsync(_priya, new LinkSource(LinkSourceKind.Visit, _benTicket.Id), _ben.Id, _benCase.Id));
        await _app.UseAsync<CaseService>(c => c.AddToCaseAsync(_priya, new LinkSource(LinkSourceKind.Appointment, _benAppointment.Id), _ben.Id, _benCase.Id));
        _benDocument = await _app.UseAsync<CaseDocumentService, CaseDocument>(d => d.UploadAsync(_priya, _benCase.Id, "statement.pdf", SampleFiles.Pdf().Length, new MemoryStream(SampleFiles.Pdf())));
        _benRequest = await _app.UseAsync<SubjectAccessService, SubjectAccessRequest>(s => s.RecordAsync(_morgan, _ben.Id, new DateOnly(2026, 11, 24), SubjectAccessChannel.Email));
        await _app.UseAsync<RetentionService>(r => r.PlaceHoldAsync(_morgan, _ben.Id, "Complaint still open", new DateOnly(2027, 3, 1)));
        _benHold = await _app.UseAsync<DropInDbContext, Guid>(db => db.Set<RetentionHold>().Select(h => h.Id).SingleAsync());
        var alternative = await _app.UseAsync<CaseListsService, Signpost>(l => l.AddSignpostAsync(_morgan, "Citizens Advice", null, "0800 144 8848"));
        _benWarning = await Conduct(c => c.IssueWarningAsync(_morgan, _ben.Id, IncidentKind.AggressiveLanguage, "Dear Ben, a warning.", LetterDelivery.Post));
        _benWithdrawal = await Conduct(c => c.WithdrawAsync(_morgan, _ben.Id, Decision(alternative.Id), "Dear Ben, a notice."));

        _dispute = await Disputes(d => d.OpenAsync(_morgan, "Complaint between two students"));
        await Disputes(d => d.AddPartyAsync(_morgan, _dispute.Id, _aisha.Id, 1));
        await Disputes(d => d.AddPartyAsync(_morgan, _dispute.Id, _ben.Id, 2));
        await Disputes(d => d.AssignAsync(_morgan, _dispute.Id, Id(_sam), 1));
        await Disputes(d => d.AssignAsync(_morgan, _dispute.Id, Id(_wendy), 1));
        await Disputes(d => d.AssignAsync(_morgan, _dispute.Id, Id(_priya), 2));
        _otherDispute = await Disputes(d => d.OpenAsync(_morgan, "Another matter"));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private Slot At(DateTimeOffset start) => new(_caraId, start, start.AddMinutes(45));

    private static WithdrawalDecision Decision(Guid alternative) =>
        new(IncidentKind.ViolenceOrThreat, "Threats at the desk.", new DateOnly(2027, 5, 24), "Threatened violence: no warning was safe.", alternative, null, LetterDelivery.Post);

    private Task<T> Conduct<T>(Func<ConductService, Task<T>> use) => _app.UseAsync(use);

    private Task<T> Disputes<T>(Func<DisputeService, Task<T>> use) => _app.UseAsync(use);

    private sealed record Attempt(string What, ClaimsPrincipal By, Func<Task> Act);

    private Attempt By<TService>(string what, ClaimsPrincipal user, Func<TService, Task> act)
        where TService : notnull => new(what, user, () => _app.UseAsync(act));

    /// <summary>Every action on every hidden row: Sam is a caseworker on Aisha's side, Wendy a manager on it.</summary>
    private IEnumerable<Attempt> Attempts()
    {
        var (sam, wendy) = (_sam, _wendy);
        var sources = new (string Name, LinkSource Source)[]
        {
            ("Ben's ticket", new(LinkSourceKind.Visit, _benTicket.Id)),
            ("an unlinked look-alike ticket", new(LinkSourceKind.Visit, _lookalikeTicket.Id)),
            ("Ben's appointment", new(LinkSourceKind.Appointment, _benAppointment.Id)),
            ("an unlinked look-alike appointment", new(LinkSourceKind.Appointment, _lookalikeAppointment.Id)),
            ("Ben's enquiry", new(LinkSourceKind.Enquiry, _benEnquiry.Id)),
            ("an unlinked enquiry from his email", new(LinkSourceKind.Enquiry, _lookalikeEnquiry.Id)),
        };
        foreach (var (name, source) in sources)
        {
            yield return By<CaseService>($"Open or add to a case: details of {name}", sam, c => c.SourceAsync(sam, source));
            yield return By<CaseService>($"Open or add to a case: link {name} to Aisha's record", sam, c => c.AddToCaseAsync(sam, source, _aisha.Id, null));
            yield return By<CaseService>($"Open or add to a case: file {name} on Aisha's case", sam, c => c.AddToCaseAsync(sam, source, _aisha.Id, _aishaCase.Id));
            yield return By<CaseService>($"Open or add to a case: open a case for Aisha from {name}", sam, c => c.OpenAsync(sam, _aisha.Id, _category, "Filed", source));
        }

        foreach (var (name, id) in new[] { ("Ben's appointment", _benAppointment.Id), ("an unlinked look-alike appointment", _lookalikeAppointment.Id) })
        {
            yield return By<DiaryService>($"Diary: move {name}", sam, d => d.MoveAsync(sam, id, At(_wednesday.AddHours(4))));
            yield return By<DiaryService>($"Diary: cancel {name}", sam, d => d.CancelAsync(sam, id, "No longer needed"));
            yield return By<DiaryService>($"Diary: attended, {name}", sam, d => d.MarkAttendedAsync(sam, id));
            yield return By<DiaryService>($"Diary: no-show, {name}", sam, d => d.MarkNoShowAsync(sam, id));
            yield return By<DiaryService>($"Diary: free times to move {name}", sam, d => d.FreeSlotsAsync(sam, DateOnly.FromDateTime(_wednesday.Date), id));
        }

        yield return By<DiaryService>("Diary: book Ben by his email", sam, d => d.BookAsync(sam, At(_wednesday.AddHours(5)), AppointmentHarness.Booking("Ben Carter", "bc456@cam.ac.uk")));

        foreach (var (name, id) in new[] { ("Ben's enquiry", _benEnquiry.Id), ("an unlinked enquiry from his email", _lookalikeEnquiry.Id) })
        {
            yield return By<EnquiryService>($"Enquiries: acknowledge {name}", sam, e => e.AcknowledgeAsync(sam, id, AcknowledgementMethod.Phone));
            yield return By<EnquiryService>($"Enquiries: close {name}", sam, e => e.ResolveAsync(sam, id, EnquiryOutcome.Closed, "Answered"));
            yield return By<EnquiryService>($"Enquiries: assign {name} to me", sam, e => e.AssignAsync(sam, id, Id(sam)));
        }

        foreach (var (name, id) in new[] { ("Ben's ticket", _benTicket.Id), ("an unlinked look-alike ticket", _lookalikeTicket.Id) })
        {
            yield return By<QueueService>($"Queue: edit {name}", wendy, q => q.EditAsync(wendy, id, new StudentDetails("Someone", null, null, "Changed", false, null)));
            yield return By<QueueService>($"Queue: move up {name}", wendy, q => q.MoveUpAsync(wendy, id, "Deadline today"));
            yield return By<QueueService>($"Queue: {name} has left", wendy, q => q.MarkLeftAsync(wendy, id));
            yield return By<QueueService>($"Queue: put {name} back in the queue", wendy, q => q.ReturnToQueueAsync(wendy, id));
            yield return By<QueueService>($"Queue: record a follow-up for {name}", wendy, q => q.RecordFollowUpAsync(wendy, id, FollowUp.NoteTaken, null));
            yield return By<QueueService>($"Queue: start {name}", sam, q => q.StartAsync(sam, id));
            yield return By<QueueService>($"Queue: finish {name}", sam, q => q.FinishAsync(sam, id, VisitOutcome.AdviceGiven));
            yield return By<QueueService>($"Queue: no answer for {name}", sam, q => q.NoAnswerAsync(sam, id));
        }

        yield return By<StudentService>("Students: register Ben again by his email", sam, s => s.RegisterAsync(sam, new StudentProfile("Ben Carter", Email: "bc456@cam.ac.uk"), confirmedNotDuplicate: true));
        yield return By<StudentService>("Students: register a sound-alike of Ben", sam, s => s.RegisterAsync(sam, new StudentProfile("Benjamin Carter"), confirmedNotDuplicate: true));
        yield return By<StudentService>("Students: Ben's record", sam, s => s.GetAsync(sam, _ben.Id));
        yield return By<StudentService>("Students: change Ben's details", sam, s => s.UpdateAsync(sam, _ben.Id, _ben.Version, new StudentProfile("Ben Carter", Email: "changed@cam.ac.uk")));
        yield return By<StudentService>("Students: merge Aisha into Ben", wendy, s => s.MergeAsync(wendy, _ben.Id, _aisha.Id));
        yield return By<StudentService>("Students: merge Ben into Aisha", wendy, s => s.MergeAsync(wendy, _aisha.Id, _ben.Id));
        yield return By<CaseService>("Students: Ben's open cases", sam, c => c.OpenCasesOfAsync(sam, _ben.Id));
        yield return By<MonitoringService>("Monitoring: Ben's status (and name)", sam, m => m.StatusAsync(sam, _ben.Id));
        yield return By<MonitoringService>("Monitoring: record Ben's answers", sam, m => m.RecordAsync(sam, _ben.Id, null, "Man", null, null, null, null));
        yield return By<FeedbackPermissionService>("Feedback: Ben's permission", sam, f => f.GetAsync(sam, _ben.Id));
        yield return By<FeedbackPermissionService>("Feedback: record Ben's permission", sam, f => f.RecordAsync(sam, _ben.Id, true));

        yield return By<CaseService>("Case: read Ben's case", sam, c => c.GetAsync(sam, _benCase.Id));
        yield return By<CaseService>("Case: change the summary", sam, c => c.ChangeSummaryAsync(sam, _benCase.Id, "x", _benCase.Summary));
        yield return By<CaseService>("Case: change the category", sam, c => c.ChangeCategoryAsync(sam, _benCase.Id, _category));
        yield return By<CaseService>("Case: put myself on it", sam, c => c.AddCaseworkerAsync(sam, _benCase.Id, Id(sam)));
        yield return By<CaseService>("Case: take Priya off it", sam, c => c.RemoveCaseworkerAsync(sam, _benCase.Id, Id(_priya)));
        yield return By<CaseClosingService>("Case: close it", sam, c => c.CloseAsync(sam, _benCase.Id, new CaseClosing(CaseOutcome.Resolved, null, ClosingCheck.All).Counted()));
        yield return By<CaseClosingService>("Case: draft the closing letter", sam, c => c.LetterDraftAsync(sam, _benCase.Id));
        yield return By<CaseService>("Case: record service information given", sam, c => c.RecordInformationGivenAsync(sam, _benCase.Id, new ServiceInformationGiven(ServiceInformation.All, InformationChannel.InPerson)));
        yield return By<CaseService>("Case: run the conflict check again", sam, c => c.CheckConflictAsync(sam, _benCase.Id));
        yield return By<CaseWorkService>("Case: add a note", sam, w => w.AddEntryAsync(sam, _benCase.Id, new EntryDraft(EntryKind.Note, "x")));
        yield return By<CaseWorkService>("Case: add a deadline", sam, w => w.AddDeadlineAsync(sam, _benCase.Id, "Hearing", new DateOnly(2026, 12, 10)));
        yield return By<CaseWorkService>("Case: agree an action", sam, w => w.AgreeActionAsync(sam, _benCase.Id, PlanParty.Service, "Write", null));
        yield return By<CaseWorkService>("Case: set a follow-up date", sam, w => w.SetFollowUpAsync(sam, _benCase.Id, new DateOnly(2026, 12, 10)));
        yield return By<CaseWorkService>("Case: record a consent", sam, w => w.RecordConsentAsync(sam, _benCase.Id, "Tutor", "All", "Appeal", new DateOnly(2026, 11, 24), ConsentGivenBy.InPerson));
        yield return By<CaseDocumentService>("Case: list documents", sam, d => d.ListAsync(sam, _benCase.Id));
        yield return By<CaseDocumentService>("Case: download a document", sam, d => d.OpenAsync(sam, _benCase.Id, _benDocument.Id));
        yield return By<CaseDocumentService>("Case: upload a document", sam, d => d.UploadAsync(sam, _benCase.Id, "x.pdf", SampleFiles.Pdf().Length, new MemoryStream(SampleFiles.Pdf())));

        yield return By<ConductService>("Conduct: Ben's record", sam, c => c.GetAsync(sam, _ben.Id));
        yield return By<ConductService>("Conduct: record an incident", sam, c => c.RecordIncidentAsync(sam, _ben.Id, IncidentKind.AggressiveLanguage, _clock.GetUtcNow(), "x"));
        yield return By<ConductService>("Conduct: print the warning", sam, c => c.LetterAsync(sam, _benWarning.Id));
        yield return By<ConductService>("Conduct: print the notice", wendy, c => c.LetterAsync(wendy, _benWithdrawal.Id));
        yield return By<ConductService>("Conduct: draft a warning", wendy, c => c.DraftWarningAsync(wendy, _ben.Id, IncidentKind.AggressiveLanguage));
        yield return By<ConductService>("Conduct: issue a warning", wendy, c => c.IssueWarningAsync(wendy, _ben.Id, IncidentKind.AggressiveLanguage, "Dear Ben", LetterDelivery.Email));
        yield return By<ConductService>("Conduct: lift the withdrawal", wendy, c => c.LiftAsync(wendy, _benWithdrawal.Id, "Reviewed"));
        yield return By<ConductService>("Conduct: set the next review", wendy, c => c.SetNextReviewAsync(wendy, _benWithdrawal.Id, new DateOnly(2027, 1, 4)));

        yield return By<SubjectAccessService>("Subject access: record one for Ben", wendy, s => s.RecordAsync(wendy, _ben.Id, new DateOnly(2026, 11, 24), SubjectAccessChannel.Letter));
        yield return By<SubjectAccessService>("Subject access: read Ben's request", wendy, s => s.GetAsync(wendy, _benRequest.Id));
        yield return By<SubjectAccessService>("Subject access: compile it", wendy, s => s.CompileAsync(wendy, _benRequest.Id));
        yield return By<SubjectAccessService>("Subject access: extend it", wendy, s => s.ExtendAsync(wendy, _benRequest.Id, 1, "Complex"));
        yield return By<SubjectAccessService>("Subject access: refuse it", wendy, s => s.RefuseAsync(wendy, _benRequest.Id, "Manifestly unfounded"));
        yield return By<SubjectAccessService>("Subject access: download it", wendy, s => s.ExportAsync(wendy, _benRequest.Id, "json"));

        yield return By<RetentionService>("Retention: hold Ben's record", wendy, r => r.PlaceHoldAsync(wendy, _ben.Id, "Keep", new DateOnly(2027, 1, 4)));
        yield return By<RetentionService>("Retention: renew the hold on Ben's record", wendy, r => r.RenewHoldAsync(wendy, _benHold, new DateOnly(2027, 2, 1)));
        yield return By<RetentionService>("Retention: lift the hold on Ben's record", wendy, r => r.LiftHoldAsync(wendy, _benHold));

        yield return By<DisputeService>("Disputes: take myself off my side", wendy, d => d.UnassignAsync(wendy, _dispute.Id, Id(wendy)));
        yield return By<DisputeService>("Disputes: take Priya off the other side", wendy, d => d.UnassignAsync(wendy, _dispute.Id, Id(_priya)));
        yield return By<DisputeService>("Disputes: put a colleague on a side", wendy, d => d.AssignAsync(wendy, _dispute.Id, _alexId, 1));
        yield return By<DisputeService>("Disputes: add a party", wendy, d => d.AddPartyAsync(wendy, _dispute.Id, _aisha.Id, 1));
        yield return By<DisputeService>("Disputes: end it", wendy, d => d.EndAsync(wendy, _dispute.Id));
        yield return By<DisputeService>("Disputes: put Ben in another dispute", wendy, d => d.AddPartyAsync(wendy, _otherDispute.Id, _ben.Id, 1));
        yield return By<DisputeService>("Disputes: who could see Ben's case", wendy, d => d.WhoCouldSeeAsync(wendy, _benCase.Reference, new DateOnly(2026, 11, 24)));
        yield return By<AuditReports>("Audit: every access to Ben's case", wendy, a => a.CaseAccessAsync(wendy, _benCase.Reference));
    }

    [Fact]
    public async Task EveryActionOnEveryHiddenRow_IsRefusedByTheBarrier_ChangesNothing_QueuesNoEmail_AndIsAudited()
    {
        var failures = new List<string>();
        var attempts = Attempts().ToList();
        foreach (var attempt in attempts)
        {
            var before = await TablesAsync();
            var refusalsBefore = await RefusalsAsync(attempt.By);
            var thrown = await Record.ExceptionAsync(attempt.Act);
            var after = await TablesAsync();
            var audited = await RefusalsAsync(attempt.By) - refusalsBefore;

            if (thrown is not ForbiddenException { IsBarrier: true })
            {
                failures.Add($"{attempt.What}: {(thrown is null ? "allowed" : $"{thrown.GetType().Name}: {thrown.Message}")}");
            }

            var changed = after.Where(t => before.GetValueOrDefault(t.Key) != t.Value).Select(t => t.Key).ToList();
            if (changed.Count > 0)
            {
                failures.Add($"{attempt.What}: changed {string.Join(", ", changed)}");
            }

            if (audited != 1)
            {
                failures.Add($"{attempt.What}: {audited} refusals audited");
            }
        }

        Assert.True(attempts.Count > 90, $"only {attempts.Count} attempts");
        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task TheConflictCheck_KeptWhenTheCaseOpened_FoundNothing_RunAgainAfterTheDispute_NamesIt()
    {
        var before = await _app.UseAsync<CaseService, CaseFile>(c => c.GetAsync(_sam, _aishaCase.Id));
        Assert.Equal(ConflictFinding.NoneFound, before.Case.ConflictFinding);
        Assert.Equal("Sam Okafor", before.Opening.CheckedBy);

        _clock.Advance(TimeSpan.FromMinutes(5));
        await _app.UseAsync<CaseService>(c => c.CheckConflictAsync(_sam, _aishaCase.Id));

        var after = (await _app.UseAsync<CaseService, CaseFile>(c => c.GetAsync(_sam, _aishaCase.Id))).Case;
        Assert.Equal(ConflictFinding.PartyToDispute, after.ConflictFinding);
        Assert.Equal(_dispute.Reference, after.ConflictDisputes);
        Assert.Equal(_clock.GetUtcNow(), after.ConflictCheckedAt);
    }

    [Fact]
    public async Task AManagerOnASide_CannotChangeTheDispute_ANeutralManagerCan_AndOnlyThenTheBarrierLifts()
    {
        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => Disputes(d => d.UnassignAsync(_wendy, _dispute.Id, Id(_wendy))));
        var stillWalled = await Assert.ThrowsAsync<ForbiddenException>(() => _app.UseAsync<StudentService, StudentRecord>(s => s.GetAsync(_wendy, _ben.Id)));

        await Disputes(d => d.UnassignAsync(_morgan, _dispute.Id, Id(_wendy)));

        Assert.Equal($"You are on side 1 of {_dispute.Reference}, so another manager (on no side of it) must change it.", refused.Message);
        Assert.True(refused.IsBarrier && stillWalled.IsBarrier);
        Assert.Equal("Ben Carter", (await _app.UseAsync<StudentService, StudentRecord>(s => s.GetAsync(_wendy, _ben.Id))).Student.Name);
        await using var db = await new AppointmentHarness(_app).DbAsync();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "barrier" && e.RecordType == "Dispute" && e.RecordId == _dispute.Id.ToString() && e.ActorId == Id(_wendy)));
    }

    [Fact]
    public async Task APartysDuplicateMergedIntoAnotherRecord_WallsTheRecordKept()
    {
        var kept = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(_morgan, new StudentProfile("Benedict Carter", StudentNumber: "BC456"), confirmedNotDuplicate: true));

        await _app.UseAsync<StudentService>(s => s.MergeAsync(_morgan, kept.Id, _ben.Id));

        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => _app.UseAsync<StudentService, StudentRecord>(s => s.GetAsync(_sam, kept.Id)));
        var search = await _app.UseAsync<StudentService, StudentSearch>(s => s.FindAsync(_sam, "BC456"));
        Assert.True(refused.IsBarrier);
        Assert.Equal((0, 1), (search.Found.Count, search.Hidden));
        Assert.NotNull(await _app.UseAsync<StudentService, StudentRecord>(s => s.GetAsync(_priya, kept.Id)));
    }

    [Fact]
    public async Task TheStaffOnTheRightSide_AndNeutralStaff_StillActOnTheseRows()
    {
        await _app.UseAsync<EnquiryService>(e => e.AcknowledgeAsync(_priya, _benEnquiry.Id, AcknowledgementMethod.Phone));
        await _app.UseAsync<EnquiryService>(e => e.AcknowledgeAsync(_morgan, _lookalikeEnquiry.Id, AcknowledgementMethod.Email));
        await _app.UseAsync<DiaryService>(d => d.CancelAsync(_priya, _benAppointment.Id, "Seen at the drop-in instead"));
        await _app.UseAsync<QueueService>(q => q.MoveUpAsync(_morgan, _lookalikeTicket.Id, "Deadline today"));
        var details = await _app.UseAsync<CaseService, SourceDetails>(c => c.SourceAsync(_morgan, new LinkSource(LinkSourceKind.Appointment, _lookalikeAppointment.Id)));
        var registered = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(_priya, new StudentProfile("Benjamin Carter", Email: "benjamin.carter@example.org"), confirmedNotDuplicate: true));

        Assert.Equal("Benjamin Carter", details.Name);
        Assert.Equal("Benjamin Carter", registered.Name);
        await using var db = await new AppointmentHarness(_app).DbAsync();
        Assert.Equal(AppointmentStatus.Cancelled, (await db.Appointments.SingleAsync(a => a.Id == _benAppointment.Id)).Status);
        Assert.Equal(2, await db.Enquiries.CountAsync(e => e.AcknowledgedAt != null));
    }

    /// <summary>What the walled user changed can be seen in a digest of every table but the audit trail (checked on its own).</summary>
    private async Task<Dictionary<string, string>> TablesAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_app.DataFolder, "dropin.db")}");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'AuditEntries'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var digests = new Dictionary<string, string>();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                rows.Add(string.Join("\u001f", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "\u2400" : Convert.ToString(reader.GetValue(i) is byte[] b ? Convert.ToBase64String(b) : reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            }

            rows.Sort(StringComparer.Ordinal);
            digests[table] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\u001e", rows))));
        }

        return digests;
    }

    private async Task<int> RefusalsAsync(ClaimsPrincipal user)
    {
        await using var db = await new AppointmentHarness(_app).DbAsync();
        var id = Id(user);
        return await db.AuditEntries.CountAsync(e => e.Action == "barrier" && e.Outcome == AuditOutcome.Refused && e.ActorId == id);
    }
}
