using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Appointments;
using DropIn.Domain.Cases;
using DropIn.Domain.Conduct;
using DropIn.Domain.Confidentiality;
using DropIn.Domain.Queue;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Appointments;
using DropIn.Web.Features.Appointments.Booking;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Conduct;
using DropIn.Web.Features.Disputes;
using DropIn.Web.Features.Queue;
using DropIn.Web.Features.Students;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

/// <summary>Withdrawal of service end to end: incident, warning, decision, and where it bites (booking, check-in).</summary>
public sealed class ConductTests : IAsyncLifetime
{
    // Monday 23 November 2026, 09:00 London; the queue is open all day in these tests.
    private readonly FakeTimeProvider _clock = London.Clock(2026, 11, 23, 9, 0);
    private readonly DateTimeOffset _wednesdayTen = London.At(2026, 11, 25, 10, 0);
    private AppFactory _app = default!;
    private AppointmentHarness _h = default!;
    private ClaimsPrincipal _reception = default!;
    private ClaimsPrincipal _manager = default!;
    private ClaimsPrincipal _priya = default!;
    private Student _ada = default!;
    private Signpost _citizensAdvice = default!;

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock, settings: AppFactory.AlwaysOpen());
        _h = new AppointmentHarness(_app);
        await _h.CaseworkerAsync("Sam Okafor", new TimeOnly(10, 0), new TimeOnly(12, 0));
        _reception = await _app.StaffAsync("Rita Reception", Roles.Reception);
        _manager = await _app.StaffAsync("Morgan Manager", Roles.Manager);
        _priya = await _app.StaffAsync("Priya Shah", Roles.Caseworker);
        _ada = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(_reception, new StudentProfile("Ada Lovelace", Email: "al123@cam.ac.uk", StudentNumber: "AL123")));
        _citizensAdvice = await _app.UseAsync<CaseListsService, Signpost>(l => l.AddSignpostAsync(_manager, "Citizens Advice", "Independent advice", "0800 144 8848"));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private Task<T> Conduct<T>(Func<ConductService, Task<T>> use) => _app.UseAsync(use);

    private WithdrawalDecision Decision(DateOnly? reviewOn = null) =>
        new(IncidentKind.AggressiveLanguage, "You shouted at reception staff on 23 November after our warning.", reviewOn ?? new DateOnly(2027, 5, 23), null, _citizensAdvice.Id, null, LetterDelivery.Email);

    private async Task<Withdrawal> WarnThenWithdrawAsync(DateOnly? reviewOn = null)
    {
        await Conduct(c => c.RecordIncidentAsync(_reception, _ada.Id, IncidentKind.AggressiveLanguage, _clock.GetUtcNow().AddMinutes(-30), "Shouted at Rita at the desk."));
        var warning = await Conduct(c => c.DraftWarningAsync(_manager, _ada.Id, IncidentKind.AggressiveLanguage));
        await Conduct(c => c.IssueWarningAsync(_manager, _ada.Id, IncidentKind.AggressiveLanguage, warning, LetterDelivery.Email));
        var notice = await Conduct(c => c.DraftNoticeAsync(_manager, _ada.Id, Decision(reviewOn)));
        return await Conduct(c => c.WithdrawAsync(_manager, _ada.Id, Decision(reviewOn), notice));
    }

    [Fact]
    public async Task IncidentWarningWithdrawal_LettersGoToTheStudentOnly_UnderANeutralSubject()
    {
        var withdrawal = await WarnThenWithdrawAsync();
        var record = await Conduct(c => c.GetAsync(_manager, _ada.Id));

        Assert.Equal("Shouted at Rita at the desk.", Assert.Single(record.Incidents).Incident.Description);
        Assert.Equal("Rita Reception", record.Incidents[0].RecordedBy);
        Assert.NotNull(Assert.Single(record.Warnings).Warning.LetterText);
        Assert.Equal(withdrawal.Id, record.Active!.Withdrawal.Id);
        Assert.Equal(record.Warnings[0].Warning.Id, withdrawal.WarningId);
        var letters = await _h.OutboxAsync();
        Assert.Equal(2, letters.Count);
        Assert.All(letters, m => Assert.Equal("al123@cam.ac.uk", m.To));
        Assert.All(letters, m => Assert.Equal(ConductLetters.EmailSubject, m.Subject));
        Assert.Contains("written warning", letters[0].TextBody);
        Assert.Contains("You shouted at reception staff", letters[1].TextBody);
        Assert.Contains("Citizens Advice", letters[1].TextBody);
        Assert.Contains("0800 144 8848", letters[1].TextBody);
        Assert.Contains("23 May 2027", letters[1].TextBody);
        await using var db = await _h.DbAsync();
        var actions = await db.AuditEntries.Where(e => e.RecordType == "Conduct").Select(e => e.Action).ToListAsync();
        Assert.Contains("conduct.incident", actions);
        Assert.Contains("conduct.warning", actions);
        Assert.Contains("conduct.withdraw", actions);
        Assert.Contains("conduct.view", actions);
    }

    [Fact]
    public async Task Withdrawal_StopsSelfBooking_WithANeutralAnswer_AndLiftingAllowsItAgain()
    {
        var withdrawal = await WarnThenWithdrawAsync();
        var before = (await _h.OutboxAsync()).Count;

        var refused = await _h.StudentAsync(s => s.RequestAsync(_wednesdayTen, AppointmentHarness.Booking()));

        // The page says what it says to everyone; only the address's owner reads the reason-free explanation.
        Assert.IsType<BookingResult.CheckEmail>(refused);
        Assert.DoesNotContain(await _h.AppointmentsAsync(), a => a.HoldsTime);
        var explanation = (await _h.OutboxAsync())[before];
        Assert.Equal("al123@cam.ac.uk", explanation.To);
        Assert.Contains("We can't take this booking online", explanation.TextBody);
        Assert.DoesNotContain("withdraw", explanation.TextBody + explanation.Subject, StringComparison.OrdinalIgnoreCase);
        var slot = (await _h.DiaryAsync(d => d.FreeSlotsAsync(_reception, new DateOnly(2026, 11, 25))))[0].Slot;
        var byStaff = await Assert.ThrowsAsync<RuleException>(() => _h.DiaryAsync(d => d.BookAsync(_reception, slot, AppointmentHarness.Booking())));
        Assert.Contains("withdrawn", byStaff.Message);

        await Conduct(c => c.LiftAsync(_manager, withdrawal.Id, "Apologised; agreed how we will work together."));
        // The refused request held Wednesday 10:00 as any request would; another time is free.
        var allowed = await _h.StudentAsync(s => s.RequestAsync(_wednesdayTen.AddHours(1), AppointmentHarness.Booking()));

        Assert.IsType<BookingResult.CheckEmail>(allowed);
        Assert.Equal(AppointmentStatus.PendingConfirmation, Assert.Single(await _h.AppointmentsAsync(), a => a.HoldsTime).Status);
    }

    [Fact]
    public async Task CheckIn_OfAWithdrawnStudent_IsFlaggedWithTheReason_AndMakesNoTicket_UnlessAManagerChecksThemInAnyway()
    {
        await WarnThenWithdrawAsync(new DateOnly(2027, 3, 1));

        var byEmail = await CheckInAsync(_reception, "Ada Lovelace", " AL123@cam.ac.uk ");
        var byNumber = await CheckInAsync(_reception, "Ada Lovelace", "al123");
        var overriddenByReception = await CheckInAsync(_reception, "Ada Lovelace", "al123@cam.ac.uk", managerOverride: true);

        Assert.Equal("Service withdrawn — review date 1 March 2027; speak to a manager.", Assert.IsType<CheckInResult.Flagged>(byEmail).Reason);
        Assert.Equal(byEmail, byNumber);
        Assert.Equal(byEmail, overriddenByReception);
        Assert.Empty((await _app.UseAsync<QueueService, BoardView>(q => q.GetBoardAsync())).Waiting);

        var ticket = (await CheckInAsync(_manager, "Ada Lovelace", "al123@cam.ac.uk", managerOverride: true)).Ticket();
        var someoneElse = (await CheckInAsync(_reception, "Grace Hopper", "gh1@cam.ac.uk")).Ticket();
        var board = await _app.UseAsync<QueueService, BoardView>(q => q.GetBoardAsync());

        Assert.Equal(TicketStatus.Waiting, ticket.Status);
        Assert.Equal([ticket.Code, someoneElse.Code], board.Waiting.Select(w => w.Code));
        await using var db = await _h.DbAsync();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "conduct.check-in-override" && e.RecordId == _ada.Id.ToString()));
    }

    [Fact]
    public async Task ReviewList_ShowsWithdrawalsInForce_DueOnesMarked()
    {
        var withdrawal = await WarnThenWithdrawAsync(new DateOnly(2026, 12, 1));

        var notYet = Assert.Single(await Conduct(c => c.ReviewListAsync(_manager)));
        _clock.Advance(TimeSpan.FromDays(8));
        var due = Assert.Single(await Conduct(c => c.ReviewListAsync(_manager)));
        await Conduct(c => c.SetNextReviewAsync(_manager, withdrawal.Id, new DateOnly(2027, 2, 1)));
        var moved = Assert.Single(await Conduct(c => c.ReviewListAsync(_manager)));
        await Conduct(c => c.LiftAsync(_manager, withdrawal.Id, "Reviewed: lifted."));

        Assert.False(notYet.Due);
        Assert.Equal("Ada Lovelace", notYet.StudentName);
        Assert.True(due.Due);
        Assert.False(moved.Due);
        Assert.Empty(await Conduct(c => c.ReviewListAsync(_manager)));
    }

    [Fact]
    public async Task Reception_RecordsIncidents_ButCannotWarnOrDecide()
    {
        await Conduct(c => c.RecordIncidentAsync(_reception, _ada.Id, IncidentKind.ExcessiveDemands, _clock.GetUtcNow(), "Insisted on being seen before everyone else."));

        await Assert.ThrowsAsync<ForbiddenException>(() => Conduct(c => c.DraftWarningAsync(_reception, _ada.Id, IncidentKind.ExcessiveDemands)));
        await Assert.ThrowsAsync<ForbiddenException>(() => Conduct(c => c.WithdrawAsync(_reception, _ada.Id, Decision(), "Notice")));
        await Assert.ThrowsAsync<ForbiddenException>(() => Conduct(c => c.ReviewListAsync(_reception)));
        Assert.Empty(await _h.OutboxAsync());
    }

    [Fact]
    public async Task Decision_WithoutAWarning_IsRefusedUntilTheReasonIsGiven_AndASecondWithdrawalIsRefused()
    {
        var refused = await Assert.ThrowsAsync<RuleException>(() => Conduct(c => c.DraftNoticeAsync(_manager, _ada.Id, Decision())));
        var decision = Decision() with { Grounds = IncidentKind.ViolenceOrThreat, NoWarningReason = "Threatened violence: no warning was safe." };
        var notice = await Conduct(c => c.DraftNoticeAsync(_manager, _ada.Id, decision));
        await Conduct(c => c.WithdrawAsync(_manager, _ada.Id, decision, notice));
        var twice = await Assert.ThrowsAsync<RuleException>(() => Conduct(c => c.WithdrawAsync(_manager, _ada.Id, decision, notice)));

        Assert.Contains("No written warning has been given", refused.Message);
        Assert.Contains("already withdrawn", twice.Message);
    }

    [Fact]
    public async Task AWalledCaseworker_CannotSeeTheConductRecord_AndTheAttemptIsAudited()
    {
        var ben = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(_reception, new StudentProfile("Ben Carter", Email: "bc456@cam.ac.uk")));
        var dispute = await _app.UseAsync<DisputeService, Dispute>(d => d.OpenAsync(_manager, "Complaint between two students"));
        await _app.UseAsync<DisputeService, Dispute>(d => d.AddPartyAsync(_manager, dispute.Id, _ada.Id, 1));
        await _app.UseAsync<DisputeService, Dispute>(d => d.AddPartyAsync(_manager, dispute.Id, ben.Id, 2));
        await _app.UseAsync<DisputeService, Dispute>(d => d.AssignAsync(_manager, dispute.Id, _priya.FindFirstValue(ClaimTypes.NameIdentifier)!, 2));

        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => Conduct(c => c.GetAsync(_priya, _ada.Id)));
        var refusedIncident = await Assert.ThrowsAsync<ForbiddenException>(() => Conduct(c => c.RecordIncidentAsync(_priya, _ada.Id, IncidentKind.AggressiveLanguage, _clock.GetUtcNow(), "x")));

        Assert.True(refused.IsBarrier);
        Assert.True(refusedIncident.IsBarrier);
        await using var db = await _h.DbAsync();
        Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.Action == "barrier" && e.RecordType == "Conduct"));
    }

    [Fact]
    public async Task FreeText_IsEncryptedAtRest()
    {
        await WarnThenWithdrawAsync();

        await using var db = await _h.DbAsync();
        var stored = await db.Database.SqlQuery<string>($"SELECT \"Description\" AS \"Value\" FROM \"ConductIncidents\" UNION ALL SELECT \"LetterText\" FROM \"ConductWarnings\" UNION ALL SELECT \"Reasons\" FROM \"Withdrawals\" UNION ALL SELECT \"NoticeText\" FROM \"Withdrawals\"").ToListAsync();

        Assert.Equal(4, stored.Count);
        Assert.All(stored, v => Assert.StartsWith(FieldProtection.Prefix, v, StringComparison.Ordinal));
    }

    private Task<CheckInResult> CheckInAsync(ClaimsPrincipal user, string name, string emailOrId, bool managerOverride = false) =>
        _app.UseAsync<QueueService, CheckInResult>(q => q.CheckInAsync(user, new StudentDetails(name, emailOrId, null, "Appeal", false, null), managerOverride));
}
