using System.Security.Claims;
using System.Security.Cryptography;
using DropIn.Domain;
using DropIn.Domain.Calendar;
using DropIn.Domain.Cases;
using DropIn.Domain.Confidentiality;
using DropIn.Domain.Reviews;
using DropIn.Web.Data;
using DropIn.Web.Security;
using DropIn.Web.Security.Audit;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Reviews;

/// <summary>
/// Supervision and independent file review (Advice Quality Standard): the manager's plan per caseworker, the random
/// draw with an independent reviewer for each file, the review itself, and the caseworker's acknowledgement. A review
/// is opened only by its reviewer, the caseworker reviewed, or a manager, and never through an information barrier.
/// </summary>
public sealed class FileReviewService(
    IDbContextFactory<DropInDbContext> dbFactory, DataChanges changes, StaffAuthorizer authorizer, InformationBarriers barriers, AuditLog audit, TimeProvider clock)
{
    public const string RecordType = "FileReview";

    /// <summary>How long after closing a case may still be drawn: a review reads recent work.</summary>
    public const int ClosedWithinMonths = 3;

    private static readonly ChangeOptions DrawnMeanwhile =
        ChangeOptions.Report("Someone else drew files for review at the same moment; reload to see what was drawn, then draw again if any are still due.");

    private static readonly ChangeOptions ChangedMeanwhile = ChangeOptions.Report("Someone else changed this review a moment ago; reload it and try again.");

    // Acknowledging and marking done mean the same however often they are pressed: a conflict re-applies them.
    private static readonly ChangeOptions SafeToRepeat = ChangeOptions.Reapply("This review kept changing as it was saved; reload it and try again.");

    /// <summary>Every caseworker's plan and the quarter starting <paramref name="quarter"/> (its first month) against it.</summary>
    public async Task<IReadOnlyList<ReviewPlanRow>> OverviewAsync(ClaimsPrincipal user, YearMonth quarter)
    {
        await authorizer.RequireAsync(user, Permissions.ManageReviews);
        await using var db = await dbFactory.CreateDbContextAsync();
        var months = new YearMonthQuarter(quarter).Months;
        var reviews = await db.FileReviews.AsNoTracking().Where(r => months.Contains(r.Month))
            .Select(r => new { r.CaseworkerId, r.Status }).ToListAsync();
        var plans = await db.ReviewPlans.AsNoTracking().ToDictionaryAsync(p => p.StaffId, p => p.FilesPerMonth);
        var caseworkers = await db.IdsInRolesAsync([Roles.Caseworker]);
        var names = await db.Users.AsNoTracking().Where(u => caseworkers.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        return [.. caseworkers.Select(id =>
        {
            var files = plans.GetValueOrDefault(id, ReviewPlan.DefaultFilesPerMonth);
            var theirs = reviews.Where(r => r.CaseworkerId == id).ToList();
            return new ReviewPlanRow(id, names.GetValueOrDefault(id, "(former staff)"), files, files * 3, theirs.Count,
                theirs.Count(r => r.Status != ReviewStatus.Drawn), theirs.Count(r => r.Status == ReviewStatus.Acknowledged));
        }).OrderBy(r => r.Name, StringComparer.Ordinal)];
    }

    /// <exception cref="RuleException">Outside 0 to <see cref="ReviewPlan.MaxFilesPerMonth"/>, or not a caseworker.</exception>
    public async Task SetPlanAsync(ClaimsPrincipal user, string staffId, int filesPerMonth)
    {
        await authorizer.RequireAsync(user, Permissions.ManageReviews);
        await changes.RunAsync(ChangedMeanwhile, async scope =>
        {
            if (!(await scope.Db.IdsInRolesAsync([Roles.Caseworker])).Contains(staffId))
            {
                throw new RuleException("Plans are set for caseworkers only.");
            }

            if (await scope.Db.ReviewPlans.SingleOrDefaultAsync(p => p.StaffId == staffId) is { } plan)
            {
                plan.Set(filesPerMonth);
            }
            else
            {
                scope.Db.ReviewPlans.Add(ReviewPlan.For(staffId, filesPerMonth));
            }

            scope.Audit(user, "review.plan", "ReviewPlan", staffId, $"{filesPerMonth} a month");
            return true;
        });
    }

    /// <summary>
    /// Draws this London month's files still due under each caseworker's plan, from their open cases and those closed
    /// in the last <see cref="ClosedWithinMonths"/> months, none already drawn this month, each with a reviewer from
    /// the caseworkers and managers who is not on the case and not walled off from the student (<see cref="ReviewSample"/>).
    /// </summary>
    /// <param name="seed">Null for a fresh random seed; a given one repeats a draw on the same data.</param>
    /// <returns>How many files were drawn.</returns>
    /// <exception cref="RuleException">Someone else drew at the same moment (the unique slots caught it): nothing was drawn.</exception>
    public async Task<int> DrawAsync(ClaimsPrincipal user, int? seed = null)
    {
        var manager = await authorizer.RequireAsync(user, Permissions.ManageReviews);
        return await DrawAsync(manager.Id, user, seed ?? RandomNumberGenerator.GetInt32(int.MaxValue), CancellationToken.None);
    }

    /// <summary>Who a scheduled draw is recorded as drawn by, in place of a manager's staff id.</summary>
    public const string ScheduledDraw = "(monthly draw)";

    /// <summary>
    /// The draw with no one pressing: on a working day from 09:00 London time, whatever this month's plans still ask
    /// for (files of cases opened since are drawn by later runs). Run by <see cref="Jobs.ReviewDrawJob"/>; audited only
    /// when it drew something. A run that meets a manager's draw at the same moment draws nothing, and the next run catches up.
    /// </summary>
    /// <returns>How many files were drawn.</returns>
    public async Task<int> DrawDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var today = LondonTime.Today(now);
            if (WorkingCalendar.BeforeOpening(now) || !(await db.WorkingCalendarAsync(today, today, ct)).IsWorkingDay(today))
            {
                return 0;
            }
        }

        try
        {
            return await DrawAsync(ScheduledDraw, null, RandomNumberGenerator.GetInt32(int.MaxValue), ct);
        }
        catch (RuleException)
        {
            return 0;
        }
    }

    private async Task<int> DrawAsync(string drawnBy, ClaimsPrincipal? user, int drawSeed, CancellationToken ct)
    {
        return await changes.RunAsync(DrawnMeanwhile, async scope =>
        {
            var db = scope.Db;
            var month = YearMonth.Of(scope.Now);
            var closedSince = scope.Now.AddMonths(-ClosedWithinMonths);
            var caseworkers = await db.IdsInRolesAsync([Roles.Caseworker]);
            var reviewers = (await db.IdsInRolesAsync([Roles.Caseworker, Roles.Manager])).Order(StringComparer.Ordinal).ToList();
            var plans = await db.ReviewPlans.AsNoTracking().ToDictionaryAsync(p => p.StaffId, p => p.FilesPerMonth);
            var taken = await db.FileReviews.AsNoTracking().Where(r => r.Month == month).Select(r => new { r.CaseworkerId, r.CaseId, r.Slot }).ToListAsync();
            var disputes = await db.Disputes.AsNoTracking().Where(d => d.EndedAt == null).ToListAsync();
            var blocked = reviewers.ToDictionary(r => r, r => InformationBarrier.BlockedStudents(disputes, r, scope.Now));
            var cases = await db.Cases.AsNoTracking().Where(c => c.Status == CaseStatus.Open || c.ClosedAt >= closedSince).ToListAsync();
            var drawnCount = 0;
            foreach (var caseworker in caseworkers.Order(StringComparer.Ordinal))
            {
                var theirs = taken.Where(t => t.CaseworkerId == caseworker).ToList();
                var due = plans.GetValueOrDefault(caseworker, ReviewPlan.DefaultFilesPerMonth) - theirs.Count;
                var candidates = cases.Where(c => c.HasCaseworker(caseworker) && taken.All(t => t.CaseId != c.Id))
                    .Select(c => new ReviewCandidate(c.Id, c.Number, c.StudentId, [.. c.Caseworkers.Select(w => w.StaffId)])).ToList();
                var slot = theirs.Count == 0 ? 0 : theirs.Max(t => t.Slot);
                foreach (var drawn in ReviewSample.Draw(candidates, reviewers, (r, s) => blocked[r].Contains(s), Math.Max(due, 0), drawSeed))
                {
                    var reference = cases.Single(c => c.Id == drawn.CaseId).Reference;
                    db.FileReviews.Add(FileReview.Draw(drawn.CaseId, reference, caseworker, drawn, month, ++slot, drawSeed, drawnBy, scope.Now));
                    taken.Add(new { CaseworkerId = caseworker, CaseId = (Guid?)drawn.CaseId, Slot = slot });
                    drawnCount++;
                }
            }

            if (user is not null || drawnCount > 0)
            {
                scope.Audit(user, "review.draw", RecordType, null, $"{drawnCount} drawn for {month}, seed {drawSeed}");
            }

            return drawnCount;
        }, ct);
    }

    /// <summary>The user's reviews to do, and the reviews of their own files, newest first.</summary>
    public async Task<MyReviews> MineAsync(ClaimsPrincipal user)
    {
        var staff = await authorizer.RequireAsync(user, Permissions.ViewCases);
        await using var db = await dbFactory.CreateDbContextAsync();
        var reviews = await db.FileReviews.AsNoTracking().Where(r => r.ReviewerId == staff.Id || r.CaseworkerId == staff.Id)
            .OrderByDescending(r => r.DrawnAt).Take(200).ToListAsync();
        // RowsAsync keeps the order, so each row sits beside its review.
        var paired = reviews.Zip(await RowsAsync(db, reviews)).ToList();
        return new MyReviews([.. paired.Where(p => p.First.ReviewerId == staff.Id).Select(p => p.Second)],
            [.. paired.Where(p => p.First.CaseworkerId == staff.Id && p.First.Status != ReviewStatus.Drawn).Select(p => p.Second)]);
    }

    /// <summary>Every review of the quarter starting <paramref name="quarter"/>, for the manager.</summary>
    public async Task<IReadOnlyList<ReviewRow>> QuarterAsync(ClaimsPrincipal user, YearMonth quarter)
    {
        await authorizer.RequireAsync(user, Permissions.ManageReviews);
        await using var db = await dbFactory.CreateDbContextAsync();
        var months = new YearMonthQuarter(quarter).Months;
        return await RowsAsync(db, await db.FileReviews.AsNoTracking().Where(r => months.Contains(r.Month)).OrderByDescending(r => r.DrawnAt).ToListAsync());
    }

    /// <summary>One review, for its page; the view is audited.</summary>
    /// <exception cref="ForbiddenException">Not the reviewer, the caseworker reviewed or a manager; or a barrier walls the user off from the student.</exception>
    /// <exception cref="RuleException">No such review.</exception>
    public async Task<ReviewView> GetAsync(ClaimsPrincipal user, Guid id)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var (staff, review) = await RequireMayOpenAsync(db, user, id);
        var scored = review.Scores.Select(s => s.CriterionId).ToList();
        var criteria = review.Status == ReviewStatus.Drawn
            ? await db.ReviewCriteria.AsNoTracking().Where(c => c.Active).OrderBy(c => c.SortOrder).ThenBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync()
            : await db.ReviewCriteria.AsNoTracking().Where(c => scored.Contains(c.Id)).OrderBy(c => c.SortOrder).ThenBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync();
        var names = await NamesAsync(db, [review.CaseworkerId, review.ReviewerId]);
        await audit.RecordAsync(user, "review.view", RecordType, id.ToString());
        return new ReviewView(review, review.CaseId, names[review.CaseworkerId], names[review.ReviewerId], [.. criteria.Select(c => (c.Id, c.Name))],
            review.Status == ReviewStatus.Drawn && review.ReviewerId == staff.Id, review.CaseworkerId == staff.Id);
    }

    /// <summary>The reviewer scores every criterion in use, comments, and sets actions for the caseworker.</summary>
    /// <exception cref="ForbiddenException">As <see cref="GetAsync"/>.</exception>
    /// <exception cref="RuleException">Not the reviewer, a criterion unscored, an action not valid, or already complete.</exception>
    public Task CompleteAsync(ClaimsPrincipal user, Guid id, IReadOnlyCollection<ReviewScore> scores, string? comments, IReadOnlyCollection<ActionDraft> actions) =>
        ChangeAsync(user, id, ChangedMeanwhile, async (scope, staff, review) =>
        {
            var criteria = await scope.Db.ReviewCriteria.Where(c => c.Active).Select(c => c.Id).ToListAsync();
            var today = LondonTime.Today(scope.Now);
            review.Complete(staff.Id, criteria, scores, comments, [.. actions.Select(a => ReviewAction.Agree(a.What, a.DueOn, today))], scope.Now);
            scope.Audit(user, "review.complete", RecordType, id.ToString());
        });

    /// <summary>The caseworker confirms they have read the review; again, or from two tablets at once, is harmless.</summary>
    public Task AcknowledgeAsync(ClaimsPrincipal user, Guid id) =>
        ChangeAsync(user, id, SafeToRepeat, (scope, staff, review) =>
        {
            review.Acknowledge(staff.Id, scope.Now);
            scope.Audit(user, "review.acknowledge", RecordType, id.ToString());
            return Task.CompletedTask;
        });

    /// <summary>The caseworker marks an action done; again, or from two tablets at once, is harmless.</summary>
    public Task MarkActionDoneAsync(ClaimsPrincipal user, Guid id, Guid actionId) =>
        ChangeAsync(user, id, SafeToRepeat, (scope, staff, review) =>
        {
            review.MarkActionDone(actionId, staff.Id, scope.Now);
            return Task.CompletedTask;
        });

    // Checked before acting, on the review as saved; the change then runs on a fresh read of it.
    private async Task ChangeAsync(ClaimsPrincipal user, Guid id, ChangeOptions options, Func<ChangeScope, StaffMember, FileReview, Task> change)
    {
        StaffMember staff;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            (staff, _) = await RequireMayOpenAsync(db, user, id);
        }

        await changes.RunAsync(options, async scope =>
        {
            var review = await scope.Db.FileReviews.SingleAsync(r => r.Id == id);
            await change(scope, staff, review);
            return true;
        });
    }

    /// <summary>The permission, the user's part in the review, and the barrier, in that order, before anything of the review is returned.</summary>
    private async Task<(StaffMember Staff, FileReview Review)> RequireMayOpenAsync(DropInDbContext db, ClaimsPrincipal user, Guid id)
    {
        var staff = await authorizer.RequireAsync(user, Permissions.ViewCases);
        var review = await db.FileReviews.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id) ?? throw new RuleException("That review does not exist.");
        var isManager = user.IsInRole(Roles.Manager);
        if (review.ReviewerId != staff.Id && review.CaseworkerId != staff.Id && !isManager)
        {
            await audit.RecordAsync(user, "review.view", RecordType, id.ToString(), AuditOutcome.Refused);
            throw new ForbiddenException(Permissions.ManageReviews, "Only the reviewer, the caseworker whose file it is, or a manager can open this review.");
        }

        if (review.CaseId is { } caseId)
        {
            await barriers.RequireVisibleAsync(user, BarrierTarget.Case(caseId));
        }

        return (staff, review);
    }

    private static async Task<List<ReviewRow>> RowsAsync(DropInDbContext db, IReadOnlyList<FileReview> reviews)
    {
        var names = await NamesAsync(db, [.. reviews.SelectMany(r => new[] { r.CaseworkerId, r.ReviewerId })]);
        return [.. reviews.Select(r => new ReviewRow(r.Id, r.CaseReference, names[r.CaseworkerId], names[r.ReviewerId], r.Status, r.DrawnAt, r.Actions.Count(a => a.DoneAt is null)))];
    }

    private static async Task<Dictionary<string, string>> NamesAsync(DropInDbContext db, IReadOnlyCollection<string> ids)
    {
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        foreach (var id in ids.Where(i => !names.ContainsKey(i)))
        {
            names[id] = "(former staff)";
        }

        return names;
    }
}
