using System.Security.Claims;
using System.Text.RegularExpressions;
using DropIn.Domain;
using DropIn.Domain.Calendar;
using DropIn.Domain.Cases;
using DropIn.Domain.Feedback;
using DropIn.Domain.Statistics;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Feedback;
using DropIn.Web.Features.Students;
using DropIn.Web.Messaging;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

/// <summary>The feedback and impact invitations over a real SQLite file, the job's work run directly on a fake clock.</summary>
public sealed partial class FeedbackTests : IAsyncLifetime
{
    // Registered on Monday 23 November 2026 at 11:00: the feedback invitation is due Thursday 26th from 10:00.
    private readonly FakeTimeProvider _clock = London.Clock(2026, 11, 23, 11, 0);
    private AppFactory _app = default!;
    private ClaimsPrincipal _sam = default!;

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock);
        _sam = await _app.StaffAsync("Sam Okafor", Roles.Caseworker);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task FeedbackInvitation_WithPermission_GoesOnceFrom10OnTheDueDay_EvenWhenRunTwiceAndConcurrently()
    {
        var student = await RegisterAsync("Ada Lovelace", "al123@cam.ac.uk", permission: true);

        _clock.SetUtcNow(London.At(2026, 11, 26, 9, 59));
        var early = await RunAsync();
        _clock.SetUtcNow(London.At(2026, 11, 26, 10, 0));
        var racing = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(RunAsync)));
        var again = await RunAsync();

        Assert.Equal(0, early);
        Assert.Equal(1, racing.Sum());
        Assert.Equal(0, again);
        var invitation = Assert.Single(await InvitationsAsync());
        Assert.Equal((student.Id, InvitationKind.Feedback), (invitation.StudentId, invitation.Kind));
        var mail = Assert.Single(await OutboxAsync());
        Assert.Equal("al123@cam.ac.uk", mail.To);
        Assert.Equal(FeedbackEmails.FeedbackSubject, mail.Subject);
        Assert.Contains("/feedback/opt-out/", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Ada", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UniqueKey_RefusesASecondInvitationOfTheSameKind()
    {
        var student = await RegisterAsync("Ada Lovelace", "al123@cam.ac.uk", permission: true);
        await using var db = await DbAsync();
        db.FeedbackInvitations.Add(FeedbackInvitation.Create(InvitationKind.Feedback, student.Id, null, "a", null, StudentStatus.Current, default, _clock.GetUtcNow()));
        db.FeedbackInvitations.Add(FeedbackInvitation.Create(InvitationKind.Feedback, student.Id, null, "b", null, StudentStatus.Current, default, _clock.GetUtcNow()));

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task NoInvitation_WithoutPermission_NotAskedOrNo()
    {
        await RegisterAsync("Ada Lovelace", "al123@cam.ac.uk", permission: null);
        await RegisterAsync("Grace Hopper", "gh456@cam.ac.uk", permission: false);

        _clock.SetUtcNow(London.At(2026, 11, 26, 11, 0));

        Assert.Equal(0, await RunAsync());
        Assert.Empty(await OutboxAsync());
    }

    [Fact]
    public async Task ImpactInvitation_ThreeMonthsAfterTheCaseCloses_OncePerCase()
    {
        var student = await RegisterAsync("Ada Lovelace", "al123@cam.ac.uk", permission: true);
        var closed = await OpenAndCloseCaseAsync(student.Id, CaseOutcome.Resolved, London.At(2026, 11, 30, 15, 0));
        _clock.SetUtcNow(London.At(2026, 12, 1, 10, 0));
        Assert.Equal(1, await RunAsync()); // the feedback invitation

        // Closed Monday 30 November + 3 months = 28 February (clamped), a Sunday: due Monday 1 March from 10:00.
        _clock.SetUtcNow(London.At(2027, 2, 26, 12, 0));
        var before = await RunAsync();
        _clock.SetUtcNow(London.At(2027, 3, 1, 10, 15));
        var due = await RunAsync();
        var again = await RunAsync();

        Assert.Equal((0, 1, 0), (before, due, again));
        var impact = Assert.Single(await InvitationsAsync(), i => i.Kind == InvitationKind.Impact);
        Assert.Equal(closed, impact.CaseId);
        Assert.Equal(FeedbackEmails.ImpactSubject, (await OutboxAsync()).Last().Subject);
        Assert.Contains("/impact/", (await OutboxAsync()).Last().TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoImpactInvitation_ForACaseTheStudentWithdrewFrom()
    {
        var student = await RegisterAsync("Ada Lovelace", "al123@cam.ac.uk", permission: true);
        await OpenAndCloseCaseAsync(student.Id, CaseOutcome.StudentWithdrew, London.At(2026, 11, 30, 15, 0));

        _clock.SetUtcNow(London.At(2027, 3, 1, 10, 15));

        Assert.Equal(0, await RunAsync()); // and the feedback invitation is long past "shortly after"
    }

    [Fact]
    public async Task OptOut_FromTheEmail_RecordedOnTheStudent_NoFurtherInvitations()
    {
        var student = await RegisterAsync("Ada Lovelace", "al123@cam.ac.uk", permission: true);
        await OpenAndCloseCaseAsync(student.Id, CaseOutcome.Resolved, London.At(2026, 11, 30, 15, 0));
        _clock.SetUtcNow(London.At(2026, 12, 1, 10, 0));
        await RunAsync();

        var optOut = TokenFrom((await OutboxAsync()).Single(), "feedback/opt-out");
        await Forms(f => f.OptOutAsync(optOut));
        _clock.SetUtcNow(London.At(2027, 3, 1, 10, 15));

        Assert.Equal(0, await RunAsync());
        await using var db = await DbAsync();
        var permission = (await db.Students.SingleAsync(s => s.Id == student.Id)).FeedbackPermission!;
        Assert.False(permission.Given);
        Assert.Equal(FeedbackPermission.ByStudentOptOut, permission.By);
    }

    [Fact]
    public async Task Response_StoresNoLinkToTheStudentCaseOrInvitation_AndTheTokenIsSpent()
    {
        await RegisterAsync("Ada Lovelace", "al123@cam.ac.uk", permission: true);
        _clock.SetUtcNow(London.At(2026, 11, 26, 10, 0));
        await RunAsync();
        var token = TokenFrom((await OutboxAsync()).Single(), "feedback");

        Assert.Equal(InvitationKind.Feedback, await Forms(f => f.FormForAsync(token)));
        await Forms(f => f.SubmitAsync(token, new FeedbackAnswers(5, Recommend.Yes, Understanding.Yes, "Very clear, thank you")));

        await using var db = await DbAsync();
        var columns = await db.Database.SqlQuery<string>($"SELECT name AS Value FROM pragma_table_info('FeedbackResponses')").ToListAsync();
        Assert.DoesNotContain(columns, c => Regex.IsMatch(c, "Student(?!Status)|Case|Invitation|Token|Email|Address|At$|Date"));
        var month = await db.Database.SqlQuery<int>($"SELECT Month AS Value FROM FeedbackResponses").SingleAsync();
        Assert.Equal(202611, month);
        var response = await db.FeedbackResponses.SingleAsync();
        Assert.Equal((5, Recommend.Yes, "Very clear, thank you"), (response.Satisfaction, response.WouldRecommend, response.Comments));
        var stored = await db.Database.SqlQuery<string>($"SELECT Comments AS Value FROM FeedbackResponses").SingleAsync();
        Assert.StartsWith("dp1:", stored, StringComparison.Ordinal);
        Assert.True((await db.FeedbackInvitations.SingleAsync()).Used);
        Assert.Null(await Forms(f => f.FormForAsync(token)));
    }

    [Fact]
    public async Task UsedToken_IsRefused_AndOfTwoSimultaneousSubmissionsOneCounts()
    {
        await RegisterAsync("Ada Lovelace", "al123@cam.ac.uk", permission: true);
        _clock.SetUtcNow(London.At(2026, 11, 26, 10, 0));
        await RunAsync();
        var token = TokenFrom((await OutboxAsync()).Single(), "feedback");
        var answers = new FeedbackAnswers(3, Recommend.NotSure, Understanding.Partly, null);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            try
            {
                await Forms(f => f.SubmitAsync(token, answers));
                return true;
            }
            catch (RuleException)
            {
                return false;
            }
        })));
        var later = await Assert.ThrowsAsync<RuleException>(() => Forms(f => f.SubmitAsync(token, answers)));

        Assert.Equal(1, outcomes.Count(ok => ok));
        Assert.Equal(FeedbackFormService.AlreadyUsed, later.Message);
        await using var db = await DbAsync();
        Assert.Equal(1, await db.FeedbackResponses.CountAsync());
    }

    [Fact]
    public async Task BookingTick_CountsOnlyOnceTheBookingIsConfirmedFromTheInbox()
    {
        var h = new AppointmentHarness(_app);
        await h.CaseworkerAsync("Priya Shah", new TimeOnly(10, 0), new TimeOnly(12, 0));
        await h.StudentAsync(s => s.RequestAsync(London.At(2026, 11, 25, 10, 0), AppointmentHarness.Booking(), feedbackPermission: true));
        await h.StudentAsync(async s => await s.ConfirmAsync(await h.TokenFromEmailAsync("al123@cam.ac.uk")));
        // Someone typing another student's address cannot sign them up: that booking is never confirmed.
        await h.StudentAsync(s => s.RequestAsync(London.At(2026, 11, 25, 11, 0), AppointmentHarness.Booking("Grace Hopper", "gh456@cam.ac.uk"), feedbackPermission: true));
        var ada = await RegisterAsync("Ada Lovelace", "al123@cam.ac.uk", permission: null);
        var grace = await RegisterAsync("Grace Hopper", "gh456@cam.ac.uk", permission: null);
        await using (var db = await DbAsync())
        {
            (await db.Appointments.SingleAsync(a => a.StudentEmail == "al123@cam.ac.uk")).LinkTo(ada.Id, null);
            (await db.Appointments.SingleAsync(a => a.StudentEmail == "gh456@cam.ac.uk")).LinkTo(grace.Id, null);
            await db.SaveChangesAsync();
        }

        _clock.SetUtcNow(London.At(2026, 11, 26, 10, 0));

        Assert.Equal(1, await RunAsync());
        Assert.Equal(ada.Id, Assert.Single(await InvitationsAsync()).StudentId);
        var view = await _app.UseAsync<FeedbackPermissionService, FeedbackPermissionView>(p => p.GetAsync(_sam, ada.Id));
        Assert.Equal(FeedbackPermission.ByStudentWhenBooking, view.Permission!.By);
    }

    [Fact]
    public async Task Results_PublishedRoundedAndSuppressed_OnlyToManagers()
    {
        var manager = await _app.StaffAsync("Morgan Ellis", Roles.Manager);
        for (var i = 0; i < 3; i++)
        {
            await RegisterAsync($"Student {i}", $"s{i}@cam.ac.uk", permission: true);
        }

        _clock.SetUtcNow(London.At(2026, 11, 26, 10, 0));
        await RunAsync();
        foreach (var mail in await OutboxAsync())
        {
            await Forms(f => f.SubmitAsync(TokenFrom(mail, "feedback"), new FeedbackAnswers(4, Recommend.Yes, Understanding.Yes, null)));
        }

        var month = new YearMonth(2026, 11);
        var results = await _app.UseAsync<FeedbackResultsService, FeedbackResults>(r => r.ResultsAsync(manager, month, month, FeedbackBreakdown.None));
        var byLevel = await _app.UseAsync<FeedbackResultsService, FeedbackResults>(r => r.ResultsAsync(manager, month, month, FeedbackBreakdown.LevelOfStudy));

        Assert.Equal("5", results.FeedbackResponses.Display); // 3, rounded to the nearest 5
        var satisfaction = results.Tables.First(t => t.Question == FeedbackText.Satisfaction).Table;
        Assert.Equal("5", satisfaction.Cell(3, 0).Display);
        Assert.Equal(PublishedFigure.Hidden, satisfaction.ShareOfColumn(3, 0).Display); // base below 22.5
        Assert.True(byLevel.Tables.First(t => t.Question == FeedbackText.Satisfaction).Table.Cell(3, 0).IsSuppressed); // 3 people: a monitoring table hides it
        await Assert.ThrowsAsync<ForbiddenException>(() => _app.UseAsync<FeedbackResultsService, FeedbackResults>(r => r.ResultsAsync(_sam, month, month, FeedbackBreakdown.None)));

        // The same published figures on the statistics dashboard (and so in its exports and the annual report).
        var report = await _app.UseAsync<DropIn.Web.Features.Statistics.StatisticsService, DropIn.Web.Features.Statistics.StatisticsReport>(
            s => s.ReportAsync(manager, new DropIn.Web.Features.Statistics.StatisticsPeriod(month, month)));
        var section = report.Sections.Single(s => s.Id == "feedback");
        Assert.Null(section.Pending);
        var onDashboard = section.Tables.First(t => t.Title.EndsWith(FeedbackText.Satisfaction, StringComparison.Ordinal));
        Assert.Contains(onDashboard.Rows, r => r.Figures.Any(f => f.Display == "5"));
    }

    private async Task<Student> RegisterAsync(string name, string email, bool? permission) =>
        await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(_sam, new StudentProfile(name, Email: email), confirmedNotDuplicate: true, feedbackPermission: permission));

    private async Task<Guid> OpenAndCloseCaseAsync(Guid studentId, CaseOutcome outcome, DateTimeOffset closeAt)
    {
        var category = (await _app.UseAsync<CaseListsService, IReadOnlyList<CaseCategory>>(l => l.ActiveCategoriesAsync(_sam)))[0].Id;
        var opened = await _app.UseAsync<CaseService, Case>(c => c.OpenAsync(_sam, studentId, category, "Appeal"));
        _clock.SetUtcNow(closeAt);
        await _app.UseAsync<CaseClosingService>(c => c.CloseAsync(_sam, opened.Id, new CaseClosing(outcome, null, ClosingCheck.All).Counted()));
        return opened.Id;
    }

    private Task<int> RunAsync() => _app.Services.GetRequiredService<FeedbackInvitations>().RunAsync(CancellationToken.None);

    private Task<T> Forms<T>(Func<FeedbackFormService, Task<T>> use) => _app.UseAsync(use);

    private Task Forms(Func<FeedbackFormService, Task> use) => _app.UseAsync(use);

    private Task<DropInDbContext> DbAsync() => _app.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync();

    private async Task<List<FeedbackInvitation>> InvitationsAsync()
    {
        await using var db = await DbAsync();
        return await db.FeedbackInvitations.AsNoTracking().ToListAsync();
    }

    private async Task<List<OutboxMessage>> OutboxAsync()
    {
        await using var db = await DbAsync();
        return await db.Outbox.AsNoTracking().OrderBy(m => m.CreatedAt).ToListAsync();
    }

    private static string TokenFrom(OutboxMessage mail, string path) =>
        Regex.Match(mail.TextBody, $"/{path}/([A-Za-z0-9_-]+)").Groups[1].Value;
}
