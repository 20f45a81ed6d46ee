using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Cases;
using DropIn.Domain.Reviews;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Disputes;
using DropIn.Web.Features.Reviews;
using DropIn.Web.Features.Students;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

/// <summary>
/// File review over the real database: the draw follows each caseworker's plan, never gives a file to someone on it
/// or walled off from the student, holds under two managers drawing at once; the review goes reviewer → caseworker,
/// and no one else opens it.
/// </summary>
public sealed class FileReviewTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = London.Clock(2027, 1, 12, 10, 0); // a Tuesday in the quarter starting January
    private AppFactory _app = default!;
    private ClaimsPrincipal _manager = default!;
    private ClaimsPrincipal _sam = default!;
    private ClaimsPrincipal _priya = default!;
    private ClaimsPrincipal _alex = default!;
    private readonly List<Case> _samsCases = [];

    private static string Id(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock);
        var reception = await _app.StaffAsync("Rita Reception", Roles.Reception);
        _manager = await _app.StaffAsync("Morgan Manager", Roles.Manager);
        _sam = await _app.StaffAsync("Sam Okafor", Roles.Caseworker);
        _priya = await _app.StaffAsync("Priya Shah", Roles.Caseworker);
        _alex = await _app.StaffAsync("Alex Neutral", Roles.Caseworker);
        var category = (await _app.UseAsync<CaseListsService, IReadOnlyList<CaseCategory>>(l => l.ActiveCategoriesAsync(_sam)))[0].Id;
        foreach (var name in new[] { "Aisha Rahman", "Ben Carter", "Carla Diaz" })
        {
            var student = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(reception, new StudentProfile(name)));
            _samsCases.Add(await _app.UseAsync<CaseService, Case>(c => c.OpenAsync(_sam, student.Id, category, "A matter")));
        }

        // Only Sam's files are due this month.
        await Reviews(r => r.SetPlanAsync(_manager, Id(_priya), 0));
        await Reviews(r => r.SetPlanAsync(_manager, Id(_alex), 0));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private Task Reviews(Func<FileReviewService, Task> use) => _app.UseAsync(use);

    private Task<T> Reviews<T>(Func<FileReviewService, Task<T>> use) => _app.UseAsync(use);

    [Fact]
    public async Task TheDrawFollowsThePlan_AndNoReviewerIsOnTheFile_OrWalledOffFromTheStudent()
    {
        // Priya and Alex both sit on the other side of a dispute from Aisha: only Morgan may review Aisha's file.
        var dispute = await _app.UseAsync<DisputeService, DropIn.Domain.Confidentiality.Dispute>(d => d.OpenAsync(_manager, "Between two students"));
        await _app.UseAsync<DisputeService, DropIn.Domain.Confidentiality.Dispute>(d => d.AddPartyAsync(_manager, dispute.Id, _samsCases[0].StudentId, 1));
        await _app.UseAsync<DisputeService, DropIn.Domain.Confidentiality.Dispute>(d => d.AssignAsync(_manager, dispute.Id, Id(_priya), 2));
        await _app.UseAsync<DisputeService, DropIn.Domain.Confidentiality.Dispute>(d => d.AssignAsync(_manager, dispute.Id, Id(_alex), 2));
        await Reviews(r => r.SetPlanAsync(_manager, Id(_sam), 3));

        var drawn = await Reviews(r => r.DrawAsync(_manager, seed: 1));
        var again = await Reviews(r => r.DrawAsync(_manager));

        Assert.Equal((3, 0), (drawn, again));
        var rows = await Reviews(r => r.QuarterAsync(_manager, new DropIn.Domain.Calendar.YearMonth(2027, 1)));
        Assert.Equal(3, rows.Count);
        Assert.DoesNotContain(rows, r => r.ReviewerName == "Sam Okafor");
        Assert.Equal("Morgan Manager", rows.Single(r => r.CaseReference == _samsCases[0].Reference).ReviewerName);
        var overview = await Reviews(r => r.OverviewAsync(_manager, new DropIn.Domain.Calendar.YearMonth(2027, 1)));
        Assert.Equal((3, 9, 3, 0), overview.Single(o => o.Name == "Sam Okafor") is var sam ? (sam.FilesPerMonth, sam.Planned, sam.Drawn, sam.Completed) : default);

        // The statistics and annual report carry the reviews through disclosure control: three drawn publish as 5.
        var report = await _app.UseAsync<DropIn.Web.Features.Statistics.StatisticsService, DropIn.Web.Features.Statistics.StatisticsReport>(s =>
            s.ReportAsync(_manager, DropIn.Web.Features.Statistics.StatisticsPeriod.AcademicYear(2026)));
        var progress = report.Table("reviews-progress");
        Assert.Equal("5", progress.Rows.Single(r => r.Label == "2026–27").Figures[progress.Columns.ToList().IndexOf("To review")].Display);
        Assert.Equal(ReviewCriterion.Defaults, report.Table("reviews-scores").BodyRows.Select(r => r.Label));
    }

    [Fact]
    public async Task TheMonthlyDraw_RunsByItselfOnAWorkingDayFrom0900_AndDrawsOnlyWhatIsDue()
    {
        // Saturday 6 February 2027, then Monday 8 February before and at opening.
        _clock.SetUtcNow(London.At(2027, 2, 6, 10, 0));
        Assert.Equal(0, await Reviews(r => r.DrawDueAsync(CancellationToken.None)));
        _clock.SetUtcNow(London.At(2027, 2, 8, 8, 59));
        Assert.Equal(0, await Reviews(r => r.DrawDueAsync(CancellationToken.None)));

        _clock.SetUtcNow(London.At(2027, 2, 8, 9, 0));
        var drawn = await Reviews(r => r.DrawDueAsync(CancellationToken.None));
        var again = await Reviews(r => r.DrawDueAsync(CancellationToken.None));

        Assert.Equal((ReviewPlan.DefaultFilesPerMonth, 0), (drawn, again));
        var rows = await Reviews(r => r.QuarterAsync(_manager, new DropIn.Domain.Calendar.YearMonth(2027, 1)));
        Assert.Equal(ReviewPlan.DefaultFilesPerMonth, rows.Count);
        Assert.All(rows, r => Assert.Equal("Sam Okafor", r.CaseworkerName));
        await using var db = await new AppointmentHarness(_app).DbAsync();
        var audited = await db.AuditEntries.Where(e => e.Action == "review.draw").ToListAsync();
        Assert.Null(Assert.Single(audited).ActorId); // one entry for the run that drew, none for the runs that did not
    }

    [Fact]
    public async Task TwoManagersSettingACaseworkersFirstPlanAtOnce_LeaveOnePlan_AndNeitherSeesAnError()
    {
        var other = await _app.StaffAsync("Nadia Manager", Roles.Manager);

        var results = await AtOnce.RunAsync(() => Reviews(r => r.SetPlanAsync(_manager, Id(_sam), 3)), () => Reviews(r => r.SetPlanAsync(other, Id(_sam), 4)));

        Assert.All(results, r => Assert.True(r is null or RuleException or EditConflictException, r?.ToString()));
        var row = (await Reviews(r => r.OverviewAsync(_manager, new DropIn.Domain.Calendar.YearMonth(2027, 1)))).Single(r => r.Name == "Sam Okafor");
        Assert.Contains(row.FilesPerMonth, new[] { 3, 4 });
    }

    [Fact]
    public async Task TwoManagersDrawingAtOnce_TakeNoMoreThanThePlan()
    {
        var other = await _app.StaffAsync("Nadia Manager", Roles.Manager);

        var outcomes = await AtOnce.RunAsync(() => Reviews(r => r.DrawAsync(_manager)), () => Reviews(r => r.DrawAsync(other)));

        Assert.All(outcomes, e => Assert.True(e is null or RuleException, e?.ToString()));
        Assert.All(outcomes.OfType<RuleException>(), e => Assert.StartsWith("Someone else drew files for review at the same moment", e.Message, StringComparison.Ordinal));
        var rows = await Reviews(r => r.QuarterAsync(_manager, new DropIn.Domain.Calendar.YearMonth(2027, 1)));
        Assert.Equal(ReviewPlan.DefaultFilesPerMonth, rows.Count);
    }

    [Fact]
    public async Task TheReviewerScoresEveryCriterion_TheCaseworkerSeesTheActionAndAcknowledges_NobodyElseOpensIt()
    {
        await Reviews(r => r.DrawAsync(_manager, seed: 3));
        var row = (await Reviews(r => r.QuarterAsync(_manager, new DropIn.Domain.Calendar.YearMonth(2027, 1))))[0];
        var reviewer = row.ReviewerName == "Morgan Manager" ? _manager : row.ReviewerName == "Priya Shah" ? _priya : _alex;
        var outsider = new[] { _priya, _alex }.First(u => u != reviewer);
        var view = await Reviews(r => r.GetAsync(reviewer, row.Id));
        Assert.True(view.MayComplete);
        Assert.Equal(ReviewCriterion.Defaults, view.Criteria.Select(c => c.Name));

        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => Reviews(r => r.GetAsync(outsider, row.Id)));
        var unscored = await Assert.ThrowsAsync<RuleException>(() => Reviews(r => r.CompleteAsync(reviewer, row.Id, [], null, [])));
        var early = await Assert.ThrowsAsync<RuleException>(() => Reviews(r => r.AcknowledgeAsync(_sam, row.Id)));
        await Reviews(r => r.CompleteAsync(reviewer, row.Id, [.. view.Criteria.Select(c => new ReviewScore(c.Id, CriterionScore.Met))],
            "Clear, well-kept file.", [new ActionDraft("Record the student's decision after the options meeting", new DateOnly(2027, 1, 26))]));
        var mine = await Reviews(r => r.MineAsync(_sam));
        await Reviews(r => r.AcknowledgeAsync(_sam, row.Id));
        var acknowledged = await Reviews(r => r.GetAsync(_sam, row.Id));

        Assert.Equal("Only the reviewer, the caseworker whose file it is, or a manager can open this review.", refused.Message);
        Assert.Equal("Score every criterion once (\"Not applicable\" where it does not apply).", unscored.Message);
        Assert.Equal("This review is not complete yet.", early.Message);
        Assert.Equal(1, Assert.Single(mine.OfMyFiles).OpenActions);
        Assert.Equal((ReviewStatus.Acknowledged, "Clear, well-kept file."), (acknowledged.Review.Status, acknowledged.Review.Comments));
        Assert.True(acknowledged.MayAcknowledge);
        Assert.False(acknowledged.MayComplete);
        await Assert.ThrowsAsync<ForbiddenException>(() => Reviews(r => r.DrawAsync(_sam)));
        await Assert.ThrowsAsync<ForbiddenException>(() => Reviews(r => r.OverviewAsync(_sam, new DropIn.Domain.Calendar.YearMonth(2027, 1))));
    }

    [Fact]
    public async Task TheCaseworkerAcknowledgingAndMarkingDoneFromTwoTabletsAtOnce_GetsTheSameAnswerTwice()
    {
        await Reviews(r => r.DrawAsync(_manager, seed: 3));
        var row = (await Reviews(r => r.QuarterAsync(_manager, new DropIn.Domain.Calendar.YearMonth(2027, 1))))[0];
        var reviewer = row.ReviewerName == "Morgan Manager" ? _manager : row.ReviewerName == "Priya Shah" ? _priya : _alex;
        var view = await Reviews(r => r.GetAsync(reviewer, row.Id));
        await Reviews(r => r.CompleteAsync(reviewer, row.Id, [.. view.Criteria.Select(c => new ReviewScore(c.Id, CriterionScore.Met))],
            null, [new ActionDraft("Record the student's decision", new DateOnly(2027, 1, 26)), new ActionDraft("Date every note", new DateOnly(2027, 1, 26))]));

        var acknowledged = await AtOnce.RunAsync(() => Reviews(r => r.AcknowledgeAsync(_sam, row.Id)), () => Reviews(r => r.AcknowledgeAsync(_sam, row.Id)));
        var actions = (await Reviews(r => r.GetAsync(_sam, row.Id))).Review.Actions.Select(a => a.Id).ToList();
        var done = await AtOnce.RunAsync(
            () => Reviews(r => r.MarkActionDoneAsync(_sam, row.Id, actions[0])), () => Reviews(r => r.MarkActionDoneAsync(_sam, row.Id, actions[0])),
            () => Reviews(r => r.MarkActionDoneAsync(_sam, row.Id, actions[1])));

        Assert.All(acknowledged.Concat(done), Assert.Null);
        var after = (await Reviews(r => r.GetAsync(_sam, row.Id))).Review;
        Assert.Equal(ReviewStatus.Acknowledged, after.Status);
        Assert.All(after.Actions, a => Assert.NotNull(a.DoneAt));
    }

    [Fact]
    public async Task AReview_IsKeptSevenYearsFromItsDraw_ThenTheNightlyRunDestroysIt()
    {
        await Reviews(r => r.SetPlanAsync(_manager, Id(_sam), 1));
        await Reviews(r => r.DrawAsync(_manager));
        _clock.SetUtcNow(London.At(2027, 2, 10, 10, 0));
        await Reviews(r => r.DrawAsync(_manager));
        var quarter = new DropIn.Domain.Calendar.YearMonth(2027, 1);
        var drawn = await Reviews(r => r.QuarterAsync(_manager, quarter));
        Assert.Equal(2, drawn.Count);

        _clock.SetUtcNow(London.At(2034, 1, 20, 2, 30));
        await _app.UseAsync<DropIn.Web.Features.Retention.RetentionRunner, DropIn.Domain.Retention.DestructionCounts>(r => r.RunAsync());

        var kept = await Reviews(r => r.QuarterAsync(_manager, quarter));
        Assert.Equal([drawn.OrderBy(r => r.DrawnAt).Last().Id], kept.Select(r => r.Id));
    }
}
