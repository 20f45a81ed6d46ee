using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Appointments;
using DropIn.Domain.Cases;
using DropIn.Domain.Enquiries;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Appointments.Diary;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Enquiries;
using DropIn.Web.Features.Students;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

public sealed class CaseFileTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = London.Clock(2026, 11, 23, 10, 0); // Monday
    private AppFactory _app = default!;
    private ClaimsPrincipal _reception = default!;
    private ClaimsPrincipal _sam = default!;
    private ClaimsPrincipal _priya = default!;
    private Student _student = default!;
    private int _appeal;

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock, settings: AppFactory.AlwaysOpen());
        _reception = await _app.StaffAsync("Rita Reception", Roles.Reception);
        _sam = await new AppointmentHarness(_app).CaseworkerAsync("Sam Okafor", new TimeOnly(10, 0), new TimeOnly(16, 0));
        _priya = await _app.StaffAsync("Priya Shah", Roles.Caseworker);
        _student = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(_reception, new StudentProfile("Aisha Rahman", Email: "ar123@cam.ac.uk")));
        _appeal = (await _app.UseAsync<CaseListsService, IReadOnlyList<CaseCategory>>(l => l.ActiveCategoriesAsync(_sam))).Single(c => c.Name == "Academic appeal").Id;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private Task<T> Cases<T>(Func<CaseService, Task<T>> use) => _app.UseAsync(use);

    private Task<T> Work<T>(Func<CaseWorkService, Task<T>> use) => _app.UseAsync(use);

    private Task<Case> OpenAsync(LinkSource? source = null) => Cases(c => c.OpenAsync(_sam, _student.Id, _appeal, "Appeal against the Part IB result", source));

    private Task<CaseFile> FileAsync(Guid id, ClaimsPrincipal? user = null) => Cases(c => c.GetAsync(user ?? _sam, id));

    [Fact]
    public async Task ALongTimeline_OpensAtItsNewestEntries_AndShowsOlderOnesAPageAtATime()
    {
        var opened = await OpenAsync();
        for (var i = 1; i <= CaseService.TimelinePage + 10; i++)
        {
            await Work(w => w.AddEntryAsync(_sam, opened.Id, new EntryDraft(EntryKind.Note, $"Note {i}")));
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        var file = await FileAsync(opened.Id);

        Assert.Equal(CaseService.TimelinePage + 10, file.TimelineCount);
        Assert.Equal(CaseService.TimelinePage, file.Timeline.Count);
        Assert.Equal($"Note {CaseService.TimelinePage + 10}", file.Timeline[0].Entry.Text);
        Assert.Equal("Note 11", file.Timeline[^1].Entry.Text);

        var all = await Cases(c => c.GetAsync(_sam, opened.Id, 2 * CaseService.TimelinePage));
        Assert.Equal(CaseService.TimelinePage + 10, all.Timeline.Count);
        Assert.Equal("Note 1", all.Timeline[^1].Entry.Text);
    }

    [Fact]
    public async Task Lifecycle_OpenRecordPlanClose_RefusesWorkWhileClosed_Reopens()
    {
        var opened = await OpenAsync();
        await Work(w => w.AddEntryAsync(_sam, opened.Id, new EntryDraft(EntryKind.Note, "First meeting")));
        await Work(w => w.AddEntryAsync(_sam, opened.Id, new EntryDraft(EntryKind.Meeting, "We will attend", _clock.GetUtcNow().AddDays(9), MeetingBody: "Faculty Appeals Committee", Role: MeetingRole.Representation)));
        await _app.UseAsync<CaseWorkService>(w => w.AddDeadlineAsync(_sam, opened.Id, "Appeal form to the Examinations Office", new DateOnly(2026, 11, 27)));
        await _app.UseAsync<CaseWorkService>(w => w.AgreeActionAsync(_sam, opened.Id, PlanParty.Student, "Ask the GP for a letter", new DateOnly(2026, 11, 25)));
        await _app.UseAsync<CaseService>(c => c.AddCaseworkerAsync(_sam, opened.Id, _priya.FindFirstValue(ClaimTypes.NameIdentifier)!));

        var file = await FileAsync(opened.Id, _priya);
        Assert.Equal("C0001", file.Case.Reference);
        Assert.Equal(["Priya Shah", "Sam Okafor"], file.Caseworkers.Select(c => c.Name));
        Assert.Equal([EntryKind.Meeting, EntryKind.Note], file.Timeline.Select(t => t.Entry.Kind));
        Assert.Equal("Sam Okafor", file.Timeline[1].RecordedByName);
        Assert.Equal("Appeal form to the Examinations Office", Assert.Single(file.Deadlines).Title);
        Assert.Equal(PlanParty.Student, Assert.Single(file.Plan).Party);

        await _app.UseAsync<CaseClosingService>(c => c.CloseAsync(_priya, opened.Id, new CaseClosing(CaseOutcome.Resolved, "Appeal upheld", ClosingCheck.All).Counted()));
        var refused = await Assert.ThrowsAsync<RuleException>(() => Work(w => w.AddEntryAsync(_sam, opened.Id, new EntryDraft(EntryKind.Note, "Late note"))));
        Assert.Contains("closed", refused.Message);
        await _app.UseAsync<CaseService>(c => c.ReopenAsync(_sam, opened.Id));
        Assert.Equal(CaseStatus.Open, (await FileAsync(opened.Id)).Case.Status);
    }

    [Fact]
    public async Task SharingWithAThirdParty_IsRefusedWithoutConsent_AndAllowedOnceRecorded()
    {
        var opened = await OpenAsync();
        var contact = new EntryDraft(EntryKind.Contact, "Emailed the Senior Tutor for a letter of support", Method: ContactMethod.Email, ThirdParty: "Senior Tutor, Girton");

        var refused = await Assert.ThrowsAsync<RuleException>(() => Work(w => w.AddEntryAsync(_sam, opened.Id, contact)));
        await Work(w => w.RecordConsentAsync(_sam, opened.Id, "Senior Tutor, Girton", "The grounds of the appeal", "A letter of support", new DateOnly(2026, 11, 23), ConsentGivenBy.InPerson));
        var entry = await Work(w => w.AddEntryAsync(_sam, opened.Id, contact));

        Assert.Contains("no recorded consent", refused.Message);
        Assert.NotNull(entry.ConsentId);
        Assert.Single((await FileAsync(opened.Id)).Timeline);
    }

    [Fact]
    public async Task Correction_KeepsTheOriginal_AndAddsTheNewTextWithWhoAndWhen()
    {
        var opened = await OpenAsync();
        var original = await Work(w => w.AddEntryAsync(_sam, opened.Id, new EntryDraft(EntryKind.Advice, "The deadline is 4 December")));
        _clock.Advance(TimeSpan.FromHours(1));

        await Work(w => w.CorrectEntryAsync(_priya, opened.Id, original.Id, "The deadline is 3 December"));

        var timeline = (await FileAsync(opened.Id)).Timeline;
        Assert.Equal(2, timeline.Count);
        var kept = timeline.Single(t => t.Entry.Id == original.Id);
        var correction = timeline.Single(t => t.Entry.CorrectsId == original.Id);
        Assert.Equal(("The deadline is 4 December", true), (kept.Entry.Text, kept.Entry.IsCorrected));
        Assert.Equal(("The deadline is 3 December", "Priya Shah", _clock.GetUtcNow()), (correction.Entry.Text, correction.RecordedByName, correction.Entry.RecordedAt));
    }

    [Fact]
    public async Task SummaryEditedByTwoCaseworkersAtOnce_TheSecondSaveGetsTheFirstOnesText()
    {
        var opened = await OpenAsync();
        var basedOn = (await FileAsync(opened.Id)).Case.Summary;

        await _app.UseAsync<CaseService>(c => c.ChangeSummaryAsync(_sam, opened.Id, "Appeal: GP letter to follow", basedOn));
        var conflict = await Assert.ThrowsAsync<EditConflictException>(() => _app.UseAsync<CaseService>(c => c.ChangeSummaryAsync(_priya, opened.Id, "Appeal: waiting for the Senior Tutor", basedOn)));

        Assert.Equal("Appeal: GP letter to follow", conflict.Theirs);
        Assert.Equal("Appeal: GP letter to follow", (await FileAsync(opened.Id)).Case.Summary);
    }

    [Fact]
    public async Task SummarySavedSimultaneously_ExactlyOneWins_TheOtherIsTold()
    {
        var opened = await OpenAsync();
        var basedOn = (await FileAsync(opened.Id)).Case.Summary;
        var texts = Enumerable.Range(1, 8).Select(i => $"Version {i}").ToArray();

        var results = await Task.WhenAll(texts.Select(async text =>
        {
            try
            {
                await _app.UseAsync<CaseService>(c => c.ChangeSummaryAsync(_sam, opened.Id, text, basedOn));
                return text;
            }
            catch (Exception ex) when (ex is EditConflictException or RuleException)
            {
                return null;
            }
        }));

        var winner = Assert.Single(results, r => r is not null);
        Assert.Equal(winner, (await FileAsync(opened.Id)).Case.Summary);
    }

    [Fact]
    public async Task CasesOpenedAtTheSameMoment_GetDistinctNumbers()
    {
        var opened = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => OpenAsync()));

        Assert.Equal(Enumerable.Range(1, 10), opened.Select(c => c.Number).Order());
    }

    [Fact]
    public async Task FromATicket_OneStepOpensACase_AndTheVisitShowsOnIt()
    {
        var queue = new QueueHarness(_app);
        var ticket = await queue.CheckInAsync(_reception, "Aisha Rahman");
        _clock.Advance(TimeSpan.FromMinutes(20));

        var opened = await OpenAsync(new LinkSource(LinkSourceKind.Visit, ticket.Id));

        var file = await FileAsync(opened.Id);
        var visit = Assert.Single(file.Links.Visits);
        Assert.Equal((ticket.Id, (Guid?)opened.Id), (visit.Id, visit.CaseId));
        Assert.Equal(_clock.GetUtcNow(), file.Student.LastInvolvementAt);
    }

    [Fact]
    public async Task FromAnAppointment_AddsToAnExistingCase()
    {
        var opened = await OpenAsync();
        var samId = _sam.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var start = London.At(2026, 11, 25, 10, 0);
        var appointment = await _app.UseAsync<DropIn.Web.Features.Appointments.Diary.DiaryService, Appointment>(d =>
            d.BookAsync(_reception, new Slot(samId, start, start.AddMinutes(45)), AppointmentHarness.Booking("Aisha Rahman", "ar123@cam.ac.uk")));

        await _app.UseAsync<CaseService>(c => c.AddToCaseAsync(_sam, new LinkSource(LinkSourceKind.Appointment, appointment.Id), _student.Id, opened.Id));

        Assert.Equal(appointment.Id, Assert.Single((await FileAsync(opened.Id)).Links.Appointments).Id);
    }

    [Fact]
    public async Task FromAnEnquiry_FilingItOnACase_TakesItOffTheSlaBoard()
    {
        var enquiry = await _app.UseAsync<EnquiryService, Enquiry>(e => e.RecordAsync(_reception, EnquiryChannel.Phone, _clock.GetUtcNow(), "Aisha Rahman", null, "Voicemail about an appeal", null));
        var source = new LinkSource(LinkSourceKind.Enquiry, enquiry.Id);

        var details = await Cases(c => c.SourceAsync(_sam, source));
        var opened = await OpenAsync(source);

        Assert.Equal("Aisha Rahman", details.Name);
        var board = await _app.UseAsync<EnquiryService, SlaBoard>(e => e.BoardAsync(_sam));
        Assert.Empty(board.Rows);
        Assert.Equal(enquiry.Id, Assert.Single((await FileAsync(opened.Id)).Links.Enquiries).Id);
    }

    [Fact]
    public async Task AddToACase_OfAnotherStudent_IsRefused()
    {
        var other = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(_reception, new StudentProfile("Tom Whitfield")));
        var opened = await OpenAsync();
        var ticket = await new QueueHarness(_app).CheckInAsync(_reception, "Tom Whitfield");

        var refused = await Assert.ThrowsAsync<RuleException>(() => _app.UseAsync<CaseService>(c => c.AddToCaseAsync(_sam, new LinkSource(LinkSourceKind.Visit, ticket.Id), other.Id, opened.Id)));

        Assert.Contains("another student", refused.Message);
    }

    [Fact]
    public async Task EveryCaseChange_MovesLastInvolvementForward()
    {
        var opened = await OpenAsync();
        _clock.Advance(TimeSpan.FromDays(40));

        await Work(w => w.AddEntryAsync(_sam, opened.Id, new EntryDraft(EntryKind.Note, "Checked in by phone")));

        Assert.Equal(_clock.GetUtcNow(), (await FileAsync(opened.Id)).Student.LastInvolvementAt);
    }

    [Fact]
    public async Task DeadlineReminders_TwoWorkingDaysBefore_AndOnTheDay_EachOnce_AndTheMailSaysNothingAboutTheMatter()
    {
        var opened = await OpenAsync();
        await _app.UseAsync<CaseWorkService>(w => w.AddDeadlineAsync(_sam, opened.Id, "Appeal form about her glandular fever", new DateOnly(2026, 11, 30))); // next Monday
        var reminders = _app.Services.GetRequiredService<CaseDeadlineReminders>();

        Assert.Equal(0, await reminders.RunAsync(CancellationToken.None)); // Monday: too early
        _clock.SetUtcNow(London.At(2026, 11, 26, 8, 59));
        Assert.Equal(0, await reminders.RunAsync(CancellationToken.None)); // Thursday before opening
        _clock.SetUtcNow(London.At(2026, 11, 26, 9, 0));
        Assert.Equal(1, await reminders.RunAsync(CancellationToken.None));
        Assert.Equal(0, await reminders.RunAsync(CancellationToken.None));
        _clock.SetUtcNow(London.At(2026, 11, 30, 9, 5));
        Assert.Equal(1, await reminders.RunAsync(CancellationToken.None));
        Assert.Equal(0, await reminders.RunAsync(CancellationToken.None));

        await using var db = await new AppointmentHarness(_app).DbAsync();
        var mail = await db.Outbox.OrderBy(m => m.CreatedAt).ToListAsync();
        Assert.Equal(2, mail.Count);
        Assert.All(mail, m => Assert.DoesNotContain("glandular", m.TextBody, StringComparison.OrdinalIgnoreCase));
        Assert.All(mail, m => Assert.DoesNotContain("Aisha", m.TextBody, StringComparison.Ordinal));
        Assert.Contains("C0001", mail[1].TextBody, StringComparison.Ordinal);
        Assert.Equal(2, await db.Notifications.CountAsync());
    }

    [Fact]
    public async Task ServiceInformation_GivenAtOpening_IsKeptWithWhoAndHow_MoreLaterAdds_AndTheStudentsNextCaseKnowsIt()
    {
        var opened = await Cases(c => c.OpenAsync(_sam, _student.Id, _appeal, "Appeal", informed: new ServiceInformationGiven(ServiceInformation.ConfidentialityPolicy | ServiceInformation.CodeOfPractice, InformationChannel.InPerson)));

        var file = await FileAsync(opened.Id);
        Assert.Equal(ServiceInformation.ConfidentialityPolicy | ServiceInformation.CodeOfPractice, file.Case.InformationGiven);
        Assert.Equal(InformationChannel.InPerson, file.Case.InformationGivenHow);
        Assert.Equal("Sam Okafor", file.Opening.InformedBy);
        Assert.Equal(ConflictFinding.NoneFound, file.Case.ConflictFinding);

        _clock.Advance(TimeSpan.FromDays(1));
        await _app.UseAsync<CaseService>(c => c.RecordInformationGivenAsync(_priya, opened.Id, new ServiceInformationGiven(ServiceInformation.ComplaintsProcedure, InformationChannel.Email)));
        file = await FileAsync(opened.Id);
        Assert.Equal(ServiceInformation.All, file.Case.InformationGiven);
        Assert.Equal(InformationChannel.Email, file.Case.InformationGivenHow);
        Assert.Equal("Priya Shah", file.Opening.InformedBy);

        var second = await Cases(c => c.OpenAsync(_sam, _student.Id, _appeal, "A second appeal"));
        var secondFile = await FileAsync(second.Id);
        Assert.Equal(ServiceInformation.None, secondFile.Case.InformationGiven);
        Assert.Equal(ServiceInformation.All, secondFile.Opening.GivenOnOtherCases);
    }

    [Fact]
    public async Task ServiceInformation_WithNothingTicked_IsRefusedInWords_AndNothingIsKept()
    {
        var opened = await OpenAsync();

        var refused = await Assert.ThrowsAsync<RuleException>(() => _app.UseAsync<CaseService>(c => c.RecordInformationGivenAsync(_sam, opened.Id, new ServiceInformationGiven(ServiceInformation.None, InformationChannel.Email))));

        Assert.Contains("Tick what the student was given", refused.Message, StringComparison.Ordinal);
        Assert.Null((await FileAsync(opened.Id)).Case.InformationGivenAt);
    }
}
