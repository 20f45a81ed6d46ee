using System.Runtime.CompilerServices;
using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Appointments;
using DropIn.Domain.Complaints;
using DropIn.Domain.Cases;
using DropIn.Domain.Conduct;
using DropIn.Domain.Confidentiality;
using DropIn.Domain.Enquiries;
using DropIn.Domain.Queue;
using DropIn.Domain.Retention;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Features.Appointments;
using DropIn.Web.Features.Appointments.Availability;
using DropIn.Web.Features.Appointments.Booking;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Complaints;
using DropIn.Web.Features.Conduct;
using DropIn.Web.Features.Disputes;
using DropIn.Web.Features.Enquiries;
using DropIn.Web.Features.Feedback;
using DropIn.Web.Features.Retention;
using DropIn.Web.Features.Students;
using DropIn.Web.Features.SubjectAccess;
using DropIn.Web.Live;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

/// <summary>
/// Every feature's writes lose a race the same way, against the real SQLite file: another writer changes the row
/// between the change's read and its save (<see cref="ConflictingWrites"/>), and the person who acted gets the rule
/// re-applied (the queue, a student's own link, closures, recording an enquiry) or a message in words; never an
/// exception that would be an error page, and nothing announced to open screens for a change that was not saved.
/// </summary>
public sealed class ChangeConflictTests : IAsyncLifetime
{
    // Monday 23 November 2026, 09:00 London; the queue is open all day so that it can be changed.
    private readonly FakeTimeProvider _clock = London.Clock(2026, 11, 23, 9, 0);
    private readonly ConflictingWrites _other = new();
    private readonly List<LiveChange> _heard = [];
    private AppFactory _app = default!;
    private IDisposable _listening = default!;
    private ClaimsPrincipal _manager = default!;
    private ClaimsPrincipal _reception = default!;
    private ClaimsPrincipal _sam = default!;

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock, settings: AppFactory.AlwaysOpen(),
            services: s => s.ConfigureDbContext<DropInDbContext>(o => o.AddInterceptors(_other), ServiceLifetime.Singleton));
        _manager = await _app.StaffAsync("Morgan Manager", Roles.Manager);
        _reception = await _app.StaffAsync("Rita Reception", Roles.Reception);
        _sam = await _app.StaffAsync("Sam Okafor", Roles.Caseworker);
        // The in-process bus calls a subscriber before PublishAsync returns, so what is heard here was published.
        _listening = _app.Services.GetRequiredService<ILiveUpdates>().Subscribe(change =>
        {
            lock (_heard)
            {
                _heard.Add(change);
            }

            return Task.CompletedTask;
        });
    }

    public async ValueTask DisposeAsync()
    {
        _listening.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Queue_TicketChangedBeforeTheSave_TheRuleIsReappliedToWhatIsThereNow()
    {
        var queue = new QueueHarness(_app);
        var ticket = await queue.CheckInAsync(_reception, "Ada Lovelace");
        _other.Before<Ticket>(t => NewVersion("Tickets", t.Id));
        Heard();

        await queue.WithQueueAsync(q => q.MarkLeftAsync(_reception, ticket.Id));

        Assert.Equal(1, _other.Written);
        Assert.Equal(TicketStatus.Left, (await ReadAsync(db => db.Tickets.SingleAsync())).Status);
        Assert.Equal([new QueueChanged(ticket.SessionId)], Heard());
    }

    [Fact]
    public async Task Queue_CallNext_TicketChangedBeforeTheSave_CallsAgainAndGetsTheStudent()
    {
        var queue = new QueueHarness(_app);
        await queue.CheckInAsync(_reception, "Ada Lovelace");
        _other.Before<Ticket>(t => NewVersion("Tickets", t.Id));

        var called = await queue.CallNextAsync(_sam);

        Assert.Equal(1, _other.Written);
        Assert.Equal("Ada Lovelace", called?.Name);
        Assert.Equal(TicketStatus.Called, (await ReadAsync(db => db.Tickets.SingleAsync())).Status);
    }

    [Fact]
    public async Task Queue_CloseSession_SessionChangedBeforeTheSave_ClosesItOnTheSecondReading()
    {
        var queue = new QueueHarness(_app);
        var session = (await queue.ViewAsync(_reception)).Session;
        _other.Before<DropInSession>(s => NewVersion("DropInSessions", s.Id));

        await queue.WithQueueAsync(q => q.CloseAsync(_reception, session.Id));

        Assert.Equal(1, _other.Written);
        Assert.NotNull((await ReadAsync(db => db.DropInSessions.SingleAsync(s => s.Id == session.Id))).ClosedAt);
    }

    [Fact]
    public async Task Queue_EveryAttemptConflicts_StopsAfterFiveAndSaysSoInWords()
    {
        var queue = new QueueHarness(_app);
        var ticket = await queue.CheckInAsync(_reception, "Ada Lovelace");
        _other.Before<Ticket>(t => NewVersion("Tickets", t.Id), times: 100);
        Heard();

        var refused = await Assert.ThrowsAsync<RuleException>(() => queue.WithQueueAsync(q => q.MarkLeftAsync(_reception, ticket.Id)));

        Assert.Equal(5, _other.Written);
        Assert.Contains("at the same moment", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Heard());
    }

    [Fact]
    public async Task Diary_Cancel_AppointmentChangedBeforeTheSave_SaysSomeoneElseChangedIt_AndAnnouncesNothing()
    {
        var (h, booked) = await BookedAsync();
        _other.Before<Appointment>(a => NewVersion("Appointments", a.Id));
        Heard();

        var refused = await Assert.ThrowsAsync<RuleException>(() => h.DiaryAsync(d => d.CancelAsync(_reception, booked.Id, "Caseworker ill")));

        Assert.Equal("Someone else changed this appointment a moment ago. The diary now shows their change; try again if still needed.", refused.Message);
        Assert.Equal(AppointmentStatus.Confirmed, Assert.Single(await h.AppointmentsAsync()).Status);
        Assert.Empty(Heard());
    }

    [Fact]
    public async Task StudentLink_Confirm_AppointmentChangedBeforeTheSave_ReadsAgainAndConfirms()
    {
        var (h, token) = await HeldAsync();
        _other.Before<Appointment>(a => NewVersion("Appointments", a.Id));

        var confirmed = await h.StudentAsync(s => s.ConfirmAsync(token));

        Assert.Equal(1, _other.Written);
        Assert.Equal(AppointmentStatus.Confirmed, confirmed.Status);
        Assert.Equal(AppointmentStatus.Confirmed, Assert.Single(await h.AppointmentsAsync()).Status);
    }

    [Fact]
    public async Task StudentLink_EveryAttemptConflicts_SaysInWordsToReload()
    {
        var (h, token) = await HeldAsync();
        _other.Before<Appointment>(a => NewVersion("Appointments", a.Id), times: 100);

        var refused = await Assert.ThrowsAsync<RuleException>(() => h.StudentAsync(s => s.ConfirmAsync(token)));

        Assert.Equal(3, _other.Written);
        Assert.Equal("This appointment changed a moment ago. Reload the page to see it as it is now.", refused.Message);
        Assert.Equal(AppointmentStatus.PendingConfirmation, Assert.Single(await h.AppointmentsAsync()).Status);
    }

    [Fact]
    public async Task Retention_LiftHold_HoldDestroyedBeforeTheSave_SaysSoInWords()
    {
        var ada = await RegisterAsync();
        await _app.UseAsync<RetentionService>(r => r.PlaceHoldAsync(_manager, ada.Id, "Complaint to the OIA still open", new DateOnly(2027, 1, 15)));
        var holdId = await ReadAsync(db => db.Set<RetentionHold>().Select(h => h.Id).SingleAsync());
        _other.Before<RetentionHold>(h => FormattableStringFactory.Create("""DELETE FROM "RetentionHold" WHERE upper("Id") = {0}""", Id(h.Id)));

        var refused = await Assert.ThrowsAsync<RuleException>(() => _app.UseAsync<RetentionService>(r => r.LiftHoldAsync(_manager, holdId)));

        Assert.Equal(1, _other.Written);
        Assert.StartsWith("That hold changed a moment ago", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retention_PlaceHold_TwoManagersAtOnce_OneHoldIsPlaced_TheOtherIsToldItIsHeld()
    {
        var jo = await _app.StaffAsync("Jo Manager", Roles.Manager);
        // Several rounds, each a fresh student: one lucky interleaving must not hide the race.
        for (var round = 0; round < 5; round++)
        {
            var student = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(_sam, new StudentProfile($"Grace Hopper {round}", Email: $"gh{round}@cam.ac.uk"), confirmedNotDuplicate: true));

            var outcomes = await AtOnce.RunAsync(
                () => _app.UseAsync<RetentionService>(r => r.PlaceHoldAsync(_manager, student.Id, "Complaint to the OIA still open", new DateOnly(2027, 1, 15))),
                () => _app.UseAsync<RetentionService>(r => r.PlaceHoldAsync(jo, student.Id, "Legal claim", new DateOnly(2027, 1, 15))));

            Assert.Single(outcomes, o => o is null);
            Assert.Contains("already held", Assert.IsType<RuleException>(Assert.Single(outcomes, o => o is not null)).Message, StringComparison.Ordinal);
            Assert.Equal(1, await ReadAsync(db => db.Set<RetentionHold>().CountAsync(h => h.StudentId == student.Id)));
        }
    }

    [Fact]
    public async Task Enquiry_Acknowledge_EnquiryChangedBeforeTheSave_SaysSomeoneElseChangedIt()
    {
        var enquiry = await RecordEnquiryAsync();
        _other.Before<Enquiry>(e => NewVersion("Enquiries", e.Id));

        var refused = await Assert.ThrowsAsync<RuleException>(() => _app.UseAsync<EnquiryService>(e => e.AcknowledgeAsync(_reception, enquiry.Id, AcknowledgementMethod.Email)));

        Assert.Equal("Someone else changed this enquiry a moment ago; the board shows their change.", refused.Message);
        Assert.Null((await ReadAsync(db => db.Enquiries.SingleAsync())).AcknowledgedAt);
    }

    [Fact]
    public async Task Enquiry_Record_StudentRecordChangedBeforeTheSave_RecordsItOnTheSecondReading()
    {
        var ada = await RegisterAsync();
        _clock.Advance(TimeSpan.FromMinutes(30)); // later than her registration, so the enquiry is new involvement
        _other.Before<Student>(s => NewVersion("Students", s.Id));

        var enquiry = await _app.UseAsync<EnquiryService, Enquiry>(e => e.RecordAsync(_reception, EnquiryChannel.Email, _clock.GetUtcNow(), "Ada Lovelace", "al123@cam.ac.uk", "About an appeal", null, ada.Id));

        Assert.Equal(1, _other.Written);
        Assert.Equal(ada.Id, (await ReadAsync(db => db.Enquiries.SingleAsync(e => e.Id == enquiry.Id))).StudentId);
    }

    [Fact]
    public async Task Conduct_Lift_DecisionChangedBeforeTheSave_SaysSomeoneElseChangedIt()
    {
        var ada = await RegisterAsync();
        var withdrawal = await ConductHarness.WithdrawAsync(_app, _reception, _manager, ada.Id, London.At(2026, 11, 23, 9, 0));
        _other.Before<Withdrawal>(w => NewVersion("Withdrawals", w.Id));

        var refused = await Assert.ThrowsAsync<RuleException>(() => _app.UseAsync<ConductService, Withdrawal>(c => c.LiftAsync(_manager, withdrawal.Id, "Behaviour has improved")));

        Assert.Equal("Someone else changed this decision a moment ago; the page now shows their change.", refused.Message);
        Assert.Null((await ReadAsync(db => db.Withdrawals.SingleAsync())).LiftedAt);
    }

    [Fact]
    public async Task Dispute_End_DisputeChangedBeforeTheSave_SaysSomeoneElseChangedIt()
    {
        var dispute = await _app.UseAsync<DisputeService, Dispute>(d => d.OpenAsync(_manager, "Complaint between students"));
        _other.Before<Dispute>(d => NewVersion("Disputes", d.Id));

        var refused = await Assert.ThrowsAsync<RuleException>(() => _app.UseAsync<DisputeService, Dispute>(d => d.EndAsync(_manager, dispute.Id)));

        Assert.Equal("Someone else changed this dispute at the same moment; the page shows their change. Try again.", refused.Message);
    }

    [Fact]
    public async Task SubjectAccess_Extend_RequestChangedBeforeTheSave_SaysSomeoneElseChangedIt()
    {
        var ada = await RegisterAsync();
        var request = await _app.UseAsync<SubjectAccessService, SubjectAccessRequest>(s => s.RecordAsync(_manager, ada.Id, new DateOnly(2026, 11, 23), SubjectAccessChannel.Email));
        _other.Before<SubjectAccessRequest>(r => NewVersion("SubjectAccessRequests", r.Id));

        var refused = await Assert.ThrowsAsync<RuleException>(() => _app.UseAsync<SubjectAccessService>(s => s.ExtendAsync(_manager, request.Id, 1, "Complex")));

        Assert.Equal("Someone else changed this request at the same moment; the page shows their change. Try again.", refused.Message);
    }

    [Fact]
    public async Task CaseLists_Rename_NameTakenBeforeTheSave_SaysSomeoneElseAddedIt()
    {
        var housing = await _app.UseAsync<CaseListsService, CaseCategory>(l => l.AddCategoryAsync(_manager, "Housing disrepair"));
        var money = await _app.UseAsync<CaseListsService, CaseCategory>(l => l.AddCategoryAsync(_manager, "Money advice"));
        _other.Before<CaseCategory>(_ => FormattableStringFactory.Create("""UPDATE "CaseCategories" SET "Name" = {0} WHERE "Id" = {1}""", "Tenancy deposits", money.Id));

        var refused = await Assert.ThrowsAsync<RuleException>(() => _app.UseAsync<CaseListsService, CaseCategory>(l => l.RenameCategoryAsync(_manager, housing.Id, "Tenancy deposits")));

        Assert.Equal("That name was added by someone else a moment ago; choose another or reload the list.", refused.Message);
    }

    [Fact]
    public async Task Case_ChangeSummary_CaseChangedBeforeTheSave_SaysSomeoneElseChangedIt()
    {
        var opened = await OpenCaseAsync();
        _other.Before<Case>(c => NewVersion("Cases", c.Id));

        var refused = await Assert.ThrowsAsync<RuleException>(() => _app.UseAsync<CaseService>(c => c.ChangeSummaryAsync(_sam, opened.Id, "Appeals a fail mark in Part II", "Appeals a fail mark")));

        Assert.Equal("Someone else changed this case at the same moment; the page shows their change. Try again.", refused.Message);
    }

    [Fact]
    public async Task CaseDocument_Upload_StudentChangedBeforeTheSave_KeepsTheFileOnTheSecondReading()
    {
        var opened = await OpenCaseAsync();
        _clock.Advance(TimeSpan.FromMinutes(30)); // later than the opening, so the upload is new involvement
        _other.Before<Student>(s => NewVersion("Students", s.Id));
        var pdf = SampleFiles.Pdf();

        var document = await _app.UseAsync<CaseDocumentService, CaseDocument>(d => d.UploadAsync(_sam, opened.Id, "letter.pdf", pdf.Length, new MemoryStream(pdf)));

        Assert.Equal(1, _other.Written);
        Assert.Equal(document.Id, (await ReadAsync(db => db.CaseDocuments.SingleAsync())).Id);
    }

    [Fact]
    public async Task Student_Update_RecordChangedBeforeTheSave_SaysSomeoneElseChangedIt()
    {
        var ada = await RegisterAsync();
        _other.Before<Student>(s => NewVersion("Students", s.Id));

        var refused = await Assert.ThrowsAsync<RuleException>(() => _app.UseAsync<StudentService>(s => s.UpdateAsync(_sam, ada.Id, ada.Version, new StudentProfile("Ada King", Email: "al123@cam.ac.uk"))));

        Assert.Equal("Someone else changed this student's details a moment ago; their version is shown.", refused.Message);
    }

    [Fact]
    public async Task FeedbackPermission_Record_RecordChangedBeforeTheSave_SaysSoInWords()
    {
        var ada = await RegisterAsync();
        _other.Before<Student>(s => NewVersion("Students", s.Id));

        var refused = await Assert.ThrowsAsync<RuleException>(() => _app.UseAsync<FeedbackPermissionService>(f => f.RecordAsync(_sam, ada.Id, given: true)));

        Assert.StartsWith("Someone else changed this student's record a moment ago", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Availability_AddClosure_EnquiryChangedBeforeTheSave_RecomputesAgainAndSavesTheDay()
    {
        // Received Monday 09:00: due Wednesday 17:00, or Thursday with Tuesday closed.
        var enquiry = await RecordEnquiryAsync();
        _other.Before<Enquiry>(e => NewVersion("Enquiries", e.Id));

        await _app.UseAsync<AvailabilityAdminService>(a => a.AddClosureAsync(_manager, new DateOnly(2026, 11, 24), "Staff training"));

        Assert.Equal(1, _other.Written);
        Assert.Equal(London.At(2026, 11, 26, 17, 0), (await ReadAsync(db => db.Enquiries.SingleAsync(e => e.Id == enquiry.Id))).TargetAt);
    }

    [Fact]
    public async Task Availability_AddClosure_EveryAttemptConflicts_SaysSoInWords_AndSavesNoHalf()
    {
        var enquiry = await RecordEnquiryAsync();
        _other.Before<Enquiry>(e => NewVersion("Enquiries", e.Id), times: 100);

        var refused = await Assert.ThrowsAsync<RuleException>(() => _app.UseAsync<AvailabilityAdminService>(a => a.AddClosureAsync(_manager, new DateOnly(2026, 11, 24), "Staff training")));

        Assert.Equal(3, _other.Written);
        Assert.Contains("could not be saved", refused.Message, StringComparison.Ordinal);
        Assert.False(await ReadAsync(db => db.ClosureDays.AnyAsync()));
        Assert.Equal(London.At(2026, 11, 25, 17, 0), (await ReadAsync(db => db.Enquiries.SingleAsync(e => e.Id == enquiry.Id))).TargetAt);
    }

    [Fact]
    public async Task Complaint_AcknowledgedByAnotherManagerMeanwhile_SaysSoInWords_SendsNoSecondLetter_AndAnnouncesNothing()
    {
        var complaint = await _app.UseAsync<ComplaintService, Complaint>(c => c.RecordAsync(_manager, EnquiryChannel.Email, _clock.GetUtcNow(), "Ada Lovelace", "ada@example.com", "Nobody called me back.", null, null));
        _other.Before<Complaint>(c => NewVersion("Complaints", c.Id));
        var queued = await ReadAsync(db => db.Outbox.CountAsync());
        Heard();

        var refused = await Assert.ThrowsAsync<RuleException>(() => _app.UseAsync<ComplaintService, string>(c => c.AcknowledgeAsync(_manager, complaint.Id)));

        Assert.Contains("Someone else changed this complaint a moment ago", refused.Message, StringComparison.Ordinal);
        Assert.Null((await ReadAsync(db => db.Complaints.SingleAsync())).AcknowledgedAt);
        Assert.Equal(queued, await ReadAsync(db => db.Outbox.CountAsync()));
        Assert.Empty(Heard());
    }

    /// <summary>Someone else's save of the same row: its version moves on, so a save that read the old one is refused.</summary>
    private static FormattableString NewVersion(string table, Guid id) =>
        FormattableStringFactory.Create($$"""UPDATE "{{table}}" SET "Version" = "Version" + 1 WHERE upper("Id") = {0}""", Id(id));

    // EF Core keeps Guids in SQLite as text; compared in upper case whichever case it wrote.
    private static string Id(Guid id) => id.ToString().ToUpperInvariant();

    private Task<T> ReadAsync<T>(Func<DropInDbContext, Task<T>> read) => _app.UseAsync<DropInDbContext, T>(read);

    /// <summary>What open screens have been told since the last call.</summary>
    private List<LiveChange> Heard()
    {
        lock (_heard)
        {
            var heard = _heard.ToList();
            _heard.Clear();
            return heard;
        }
    }

    private Task<Student> RegisterAsync() =>
        _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(_sam, new StudentProfile("Ada Lovelace", Email: "al123@cam.ac.uk"), confirmedNotDuplicate: true));

    private async Task<Case> OpenCaseAsync()
    {
        var ada = await RegisterAsync();
        var category = await ReadAsync(db => db.CaseCategories.Where(c => c.Name == "Academic appeal").Select(c => c.Id).SingleAsync());
        return await _app.UseAsync<CaseService, Case>(c => c.OpenAsync(_sam, ada.Id, category, "Appeals a fail mark"));
    }

    private Task<Enquiry> RecordEnquiryAsync() =>
        _app.UseAsync<EnquiryService, Enquiry>(e => e.RecordAsync(_reception, EnquiryChannel.Email, London.At(2026, 11, 23, 9, 0), "Ada Lovelace", "al123@cam.ac.uk", "About an appeal", null));

    /// <summary>Priya's appointment on Wednesday 25 November at 10:00, booked by reception.</summary>
    private async Task<(AppointmentHarness Harness, Appointment Booked)> BookedAsync()
    {
        var h = new AppointmentHarness(_app);
        var priya = await h.CaseworkerAsync("Priya Shah", new TimeOnly(10, 0), new TimeOnly(12, 0));
        var start = London.At(2026, 11, 25, 10, 0);
        var slot = new Slot(priya.FindFirstValue(ClaimTypes.NameIdentifier)!, start, start.AddMinutes(45));
        return (h, await h.DiaryAsync(d => d.BookAsync(_reception, slot, AppointmentHarness.Booking())));
    }

    /// <summary>A student's request for Wednesday 25 November at 10:00, held until confirmed; the link from their email.</summary>
    private async Task<(AppointmentHarness Harness, string Token)> HeldAsync()
    {
        var h = new AppointmentHarness(_app);
        await h.CaseworkerAsync("Priya Shah", new TimeOnly(10, 0), new TimeOnly(12, 0));
        Assert.IsType<BookingResult.CheckEmail>(await h.StudentAsync(s => s.RequestAsync(London.At(2026, 11, 25, 10, 0), AppointmentHarness.Booking())));
        return (h, await h.TokenFromEmailAsync("al123@cam.ac.uk"));
    }
}
