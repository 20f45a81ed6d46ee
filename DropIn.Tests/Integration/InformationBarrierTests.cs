using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Cases;
using DropIn.Domain.Confidentiality;
using DropIn.Domain.Enquiries;
using DropIn.Domain.Queue;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Disputes;
using DropIn.Web.Features.Enquiries;
using DropIn.Web.Features.Queue;
using DropIn.Web.Features.Students;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

/// <summary>A dispute between Aisha (side 1, Sam's client) and Ben (side 2, Priya's client), checked at every surface.</summary>
public sealed class InformationBarrierTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = London.Clock(2026, 11, 24, 12, 30); // Tuesday, in the drop-in session
    private AppFactory _app = default!;
    private ClaimsPrincipal _reception = default!;
    private ClaimsPrincipal _sam = default!;
    private ClaimsPrincipal _priya = default!;
    private ClaimsPrincipal _alex = default!;
    private ClaimsPrincipal _manager = default!;
    private Student _aisha = default!;
    private Student _ben = default!;
    private Case _aishaCase = default!;
    private Case _benCase = default!;
    private Dispute _dispute = default!;

    private static string Id(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock, settings: AppFactory.AlwaysOpen());
        _reception = await _app.StaffAsync("Rita Reception", Roles.Reception);
        _sam = await _app.StaffAsync("Sam Okafor", Roles.Caseworker);
        _priya = await _app.StaffAsync("Priya Shah", Roles.Caseworker);
        _alex = await _app.StaffAsync("Alex Neutral", Roles.Caseworker);
        _manager = await _app.StaffAsync("Morgan Manager", Roles.Manager);
        _aisha = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(_reception, new StudentProfile("Aisha Rahman", Email: "ar123@cam.ac.uk")));
        _ben = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(_reception, new StudentProfile("Ben Carter", Email: "bc456@cam.ac.uk")));
        var category = (await _app.UseAsync<CaseListsService, IReadOnlyList<CaseCategory>>(l => l.ActiveCategoriesAsync(_sam)))[0];
        _aishaCase = await _app.UseAsync<CaseService, Case>(c => c.OpenAsync(_sam, _aisha.Id, category.Id, "Harassment complaint"));
        _benCase = await _app.UseAsync<CaseService, Case>(c => c.OpenAsync(_priya, _ben.Id, category.Id, "Response to a complaint"));
        _dispute = await Disputes(d => d.OpenAsync(_manager, "Complaint between two students"));
        await Disputes(d => d.AddPartyAsync(_manager, _dispute.Id, _aisha.Id, 1));
        await Disputes(d => d.AddPartyAsync(_manager, _dispute.Id, _ben.Id, 2));
        await Disputes(d => d.AssignAsync(_manager, _dispute.Id, Id(_sam), 1));
        await Disputes(d => d.AssignAsync(_manager, _dispute.Id, Id(_priya), 2));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private Task<T> Disputes<T>(Func<DisputeService, Task<T>> use) => _app.UseAsync(use);

    [Fact]
    public async Task TheOtherSidesCaseAndRecord_AreRefused_WithABarrierMessage_AndTheAttemptIsAudited()
    {
        var refusedCase = await Assert.ThrowsAsync<ForbiddenException>(() => _app.UseAsync<CaseService, CaseFile>(c => c.GetAsync(_sam, _benCase.Id)));
        var refusedRecord = await Assert.ThrowsAsync<ForbiddenException>(() => _app.UseAsync<StudentService, StudentRecord>(s => s.GetAsync(_sam, _ben.Id)));
        var refusedNote = await Assert.ThrowsAsync<ForbiddenException>(() => _app.UseAsync<CaseWorkService, TimelineEntry>(w => w.AddEntryAsync(_sam, _benCase.Id, new EntryDraft(EntryKind.Note, "x"))));

        Assert.All([refusedCase, refusedRecord, refusedNote], ex => Assert.True(ex.IsBarrier));
        Assert.Equal(InformationBarriers.Message, refusedCase.Message);
        Assert.DoesNotContain("Ben", refusedCase.Message, StringComparison.Ordinal);
        Assert.NotNull(await _app.UseAsync<CaseService, CaseFile>(c => c.GetAsync(_sam, _aishaCase.Id)));
        Assert.NotNull(await _app.UseAsync<CaseService, CaseFile>(c => c.GetAsync(_alex, _benCase.Id)));
        await using var db = await new AppointmentHarness(_app).DbAsync();
        Assert.Equal(3, await db.AuditEntries.CountAsync(e => e.Action == "barrier" && e.ActorId == Id(_sam)));
    }

    [Fact]
    public async Task SearchAndCaseLists_LeaveTheOtherSideOut_AndSaySomethingIsHidden()
    {
        var search = await _app.UseAsync<StudentService, StudentSearch>(s => s.FindAsync(_sam, "cam.ac.uk"));
        var bySam = await _app.UseAsync<StudentService, StudentSearch>(s => s.FindAsync(_sam, "ben carter"));
        var cases = await _app.UseAsync<CaseService, IReadOnlyList<CaseListRow>>(c => c.OpenCasesAsync(_sam));
        var neutral = await _app.UseAsync<StudentService, StudentSearch>(s => s.FindAsync(_alex, "ben carter"));

        Assert.Empty(bySam.Found);
        Assert.Equal(1, bySam.Hidden);
        Assert.DoesNotContain(cases, r => r.Id == _benCase.Id);
        Assert.Contains(cases, r => r.Id == _aishaCase.Id);
        Assert.Equal("Ben Carter", Assert.Single(neutral.Found).DisplayName);
        Assert.DoesNotContain(search.Found, s => s.Id == _ben.Id);
    }

    [Fact]
    public async Task QueueAndEnquiries_ShowTheOtherSidesStudentAsHidden_AndCallNextSkipsThem()
    {
        var queue = new QueueHarness(_app);
        var benTicket = await queue.CheckInAsync(_reception, "Ben Carter");
        await _app.UseAsync<CaseService>(c => c.AddToCaseAsync(_priya, new LinkSource(LinkSourceKind.Visit, benTicket.Id), _ben.Id, _benCase.Id));
        _clock.Advance(TimeSpan.FromMinutes(1));
        var other = await queue.CheckInAsync(_reception, "Carla Diaz");
        var enquiry = await _app.UseAsync<EnquiryService, Enquiry>(e => e.RecordAsync(_reception, EnquiryChannel.Phone, _clock.GetUtcNow(), "Ben Carter", null, "Voicemail about the hearing", null, _ben.Id));

        var samQueue = await queue.ViewAsync(_sam);
        var receptionQueue = await queue.ViewAsync(_reception);
        var called = await queue.CallNextAsync(_sam);
        var board = await _app.UseAsync<EnquiryService, SlaBoard>(e => e.BoardAsync(_sam));

        Assert.Equal(InformationBarriers.HiddenText, samQueue.Waiting.Single(w => w.Ticket.Id == benTicket.Id).Ticket.Name);
        Assert.DoesNotContain(samQueue.Waiting, w => w.Ticket.Topic.Contains("Ben", StringComparison.Ordinal));
        Assert.Equal("Ben Carter", receptionQueue.Waiting.Single(w => w.Ticket.Id == benTicket.Id).Ticket.Name);
        Assert.Equal(other.Id, called!.Id);
        var row = board.Rows.Single(r => r.Enquiry.Id == enquiry.Id);
        Assert.Equal((InformationBarriers.HiddenText, InformationBarriers.HiddenText), (row.Enquiry.FromName, row.Enquiry.Summary));
    }

    [Fact]
    public async Task APartyJoiningFromAPhone_IsFlaggedToReception_HiddenFromTheWrongSide_AndSeesAnOrdinaryTicket()
    {
        await _app.UseAsync<DropIn.Web.Features.Queue.Online.OnlineQueueService>(o => o.JoinAsync("Ben", "BC456+phone@cam.ac.uk", "My hearing", false, null));
        string token;
        await using (var db = await _app.Services.GetRequiredService<IDbContextFactory<DropIn.Web.Data.DropInDbContext>>().CreateDbContextAsync())
        {
            var mail = await db.Outbox.AsNoTracking().SingleAsync(m => m.Subject == DropIn.Web.Features.Queue.Online.OnlineQueueEmails.JoinSubject);
            token = System.Text.RegularExpressions.Regex.Match(mail.TextBody, "/dropin/t/([A-Za-z0-9_-]+)").Groups[1].Value;
        }

        await _app.UseAsync<DropIn.Web.Features.Queue.Online.OnlineQueueService>(o => o.TakeAsync(token));
        _clock.Advance(TimeSpan.FromMinutes(1));
        var queue = new QueueHarness(_app);
        var other = await queue.CheckInAsync(_reception, "Carla Diaz");

        var atReception = (await queue.ViewAsync(_reception)).Waiting.Single(w => w.Ticket.JoinedOnline);
        var forSam = (await queue.ViewAsync(_sam)).Waiting.Single(w => w.Ticket.JoinedOnline);
        var status = await _app.UseAsync<DropIn.Web.Features.Queue.Online.OnlineQueueService, DropIn.Web.Features.Queue.Online.OnlineStatus>(o => o.StatusAsync(token));
        var called = await queue.CallNextAsync(_sam);

        Assert.True(atReception.PossibleConflict);
        Assert.Equal("Ben", atReception.Ticket.Name);
        Assert.Equal(InformationBarriers.HiddenText, forSam.Ticket.Name);
        Assert.Equal(InformationBarriers.HiddenText, forSam.Ticket.Topic);
        Assert.Equal(other.Id, called!.Id);
        Assert.IsType<DropIn.Web.Features.Queue.Online.OnlineStatus.Waiting>(status);
    }

    [Fact]
    public async Task AtIntake_SomeoneWhoMayBeAParty_IsHiddenFromTheWrongSide_AndFlaggedToEveryoneElse()
    {
        var queue = new QueueHarness(_app);
        var lookalike = await queue.CheckInAsync(_reception, "Benjamin Carter"); // not linked to any record yet
        _clock.Advance(TimeSpan.FromMinutes(1));
        var other = await queue.CheckInAsync(_reception, "Carla Diaz");

        var atReception = (await queue.ViewAsync(_reception)).Waiting.Single(w => w.Ticket.Id == lookalike.Id);
        var forSam = (await queue.ViewAsync(_sam)).Waiting.Single(w => w.Ticket.Id == lookalike.Id);
        var called = await queue.CallNextAsync(_sam);
        var samRegistering = await _app.UseAsync<StudentService, IReadOnlyList<PossibleDuplicate>>(s => s.DuplicatesAsync(_sam, new StudentProfile("Ben Carter")));
        var alexRegistering = await _app.UseAsync<StudentService, IReadOnlyList<PossibleDuplicate>>(s => s.DuplicatesAsync(_alex, new StudentProfile("Ben Carter")));

        Assert.True(atReception.PossibleConflict);
        Assert.Equal("Benjamin Carter", atReception.Ticket.Name);
        Assert.Equal(InformationBarriers.HiddenText, forSam.Ticket.Name);
        Assert.Equal(other.Id, called!.Id);
        Assert.Equal(InformationBarriers.HiddenText, Assert.Single(samRegistering).Student.DisplayName);
        Assert.Contains(Assert.Single(alexRegistering).Reasons, r => r.Contains("dispute", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reminders_NeverNameADisputeParty_AndRecordingForAWalledStudentIsRefused()
    {
        await _app.UseAsync<EnquiryService, Enquiry>(e => e.RecordAsync(_reception, EnquiryChannel.Phone, _clock.GetUtcNow(), "Ben Carter", null, "Voicemail", Id(_sam), _ben.Id));
        await _app.UseAsync<EnquiryService, Enquiry>(e => e.RecordAsync(_reception, EnquiryChannel.Phone, _clock.GetUtcNow(), "Benjamin Carter", null, "Voicemail", Id(_sam)));
        await _app.UseAsync<EnquiryService, Enquiry>(e => e.RecordAsync(_reception, EnquiryChannel.Phone, _clock.GetUtcNow(), "Carla Diaz", null, "Voicemail", Id(_sam)));
        await Assert.ThrowsAsync<ForbiddenException>(() => _app.UseAsync<EnquiryService, Enquiry>(e => e.RecordAsync(_sam, EnquiryChannel.Phone, _clock.GetUtcNow(), "Ben Carter", null, "x", null, _ben.Id)));

        _clock.SetUtcNow(London.At(2026, 11, 30, 17, 5)); // past the breach of all three
        await _app.Services.GetRequiredService<EnquiryReminders>().RunAsync(CancellationToken.None);

        await using var db = await new AppointmentHarness(_app).DbAsync();
        var texts = await db.Notifications.Select(n => n.Text).ToListAsync();
        Assert.Contains(texts, t => t.Contains("Carla Diaz", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains("Carter", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("name withheld", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StaffCannotBePutOnACaseAcrossTheBarrier_NorOnASideWhereTheyWorkTheOtherSidesCase()
    {
        var onCase = await Assert.ThrowsAsync<RuleException>(() => _app.UseAsync<CaseService>(c => c.AddCaseworkerAsync(_sam, _aishaCase.Id, Id(_priya))));
        var onSide = await Assert.ThrowsAsync<RuleException>(() => Disputes(d => d.AssignAsync(_manager, _dispute.Id, Id(_sam), 2)));

        Assert.Contains("other side", onCase.Message);
        Assert.Contains("Move that case", onSide.Message);
    }

    [Fact]
    public async Task OnlyManagersChangeDisputes_EndingOneLiftsTheBarrier_AndTheReportAnswersForAnyDate()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => Disputes(d => d.OpenAsync(_sam, "Another")));
        var today = new DateOnly(2026, 11, 24);
        var before = await Disputes(d => d.WhoCouldSeeAsync(_manager, _benCase.Reference, today.AddDays(-1)));
        var during = await Disputes(d => d.WhoCouldSeeAsync(_manager, _benCase.Reference, today));

        _clock.Advance(TimeSpan.FromDays(1));
        await Disputes(d => d.EndAsync(_manager, _dispute.Id));

        Assert.Contains(before, s => s.Name == "Sam Okafor");
        Assert.DoesNotContain(during, s => s.Name == "Sam Okafor");
        Assert.Contains(during, s => s.Name == "Alex Neutral");
        Assert.NotNull(await _app.UseAsync<CaseService, CaseFile>(c => c.GetAsync(_sam, _benCase.Id)));
    }
}
