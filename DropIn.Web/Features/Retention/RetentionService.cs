using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Calendar;
using DropIn.Domain.Retention;
using DropIn.Web.Data;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Features.Retention;

/// <summary>
/// The managers' monthly retention review: what falls due by the end of next month, holds with a documented reason
/// and a review date, and confirming the review, which is what lets the nightly job destroy a listed record.
/// </summary>
public sealed class RetentionService(
    IDbContextFactory<DropInDbContext> dbFactory, DataChanges changes, StaffAuthorizer authorizer, InformationBarriers barriers, IOptions<RetentionOptions> options, TimeProvider clock)
{
    /// <summary>
    /// Each hold change reads and writes in one transaction, so that a hold lifted by one manager is seen lifted by
    /// another renewing it at the same moment; a hold gone meanwhile (the record destroyed) is a message.
    /// </summary>
    private static readonly ChangeOptions HoldChange =
        ChangeOptions.Report("That hold changed a moment ago (another manager, or the record was destroyed). Reload the review to see it as it is now.") with { Serialised = true };

    public async Task<RetentionReviewView> ReviewAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        await authorizer.RequireAsync(user, Permissions.ReviewRetention);
        var now = clock.GetUtcNow();
        var today = LondonTime.Today(now);
        var policy = options.Value.Policy;
        var window = RetentionReview.Window(today);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Coarse in SQL (a day's slack either side of the London date), exact in memory.
        var cutoff = new DateTimeOffset(window.To.AddDays(2).AddYears(-policy.Years).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var students = await db.Students.AsNoTracking().Where(s => s.MergedIntoId == null && s.LastInvolvementAt < cutoff)
            .Select(s => new { s.Id, s.Name, s.LastInvolvementAt }).ToListAsync(ct);
        var due = students.Where(s => RetentionReview.Lists(policy.DestructionDate(s.LastInvolvementAt), today)).ToList();
        var ids = due.Select(s => s.Id).ToList();
        var holds = await db.Set<RetentionHold>().AsNoTracking().Where(h => ids.Contains(h.StudentId) && h.LiftedAt == null).ToListAsync(ct);
        var listings = await db.Set<RetentionListing>().AsNoTracking().Where(l => ids.Contains(l.StudentId)).ToDictionaryAsync(l => l.StudentId, ct);
        var lens = await barriers.LensAsync(user, ct);
        var rows = due
            .Select(s =>
            {
                var hold = holds.FirstOrDefault(h => h.StudentId == s.Id);
                var listing = listings.GetValueOrDefault(s.Id);
                var hidden = lens.Hides(s.Id, s.Name, null);
                return new RetentionRow(
                    s.Id, hidden ? InformationBarriers.HiddenText : s.Name, !hidden, s.LastInvolvementAt, policy.DestructionDate(s.LastInvolvementAt),
                    policy.Decide(s.LastInvolvementAt, listing?.Entry, holds.Where(h => h.StudentId == s.Id), now),
                    listing is not null && listing.LastInvolvementSeen == s.LastInvolvementAt,
                    hold is null ? null : new HoldView(hold.Id, hidden ? InformationBarriers.HiddenText : hold.Reason, hold.ReviewOn, hold.IsReviewDue(today)));
            })
            .OrderBy(r => r.DestructionDate).ThenBy(r => r.StudentId)
            .ToList();
        var log = await db.Set<DestructionLogEntry>().AsNoTracking().OrderByDescending(e => e.RanAt).Take(24).ToListAsync(ct);
        return new RetentionReviewView(window, policy.Years, rows, log);
    }

    /// <summary>
    /// The manager has looked at the list: each listed record without a hold may be destroyed from the first of next
    /// month, provided nothing new happens to it before then. With <paramref name="seen"/>, only those of the
    /// records the manager was shown (and asked to confirm) that are still due: one that fell due since is left for
    /// the next look. Returns how many were confirmed.
    /// </summary>
    public async Task<int> ConfirmReviewAsync(ClaimsPrincipal user, IReadOnlyCollection<Guid>? seen = null, CancellationToken ct = default)
    {
        var manager = await authorizer.RequireAsync(user, Permissions.ReviewRetention);
        var review = await ReviewAsync(user, ct);
        // A record hidden from this manager by a barrier is confirmed (or held) by a manager on no side of the dispute.
        var rows = review.Rows.Where(r => r.Hold is null && r.Visible && (seen is null || seen.Contains(r.StudentId))).ToList();
        var ids = rows.Select(r => r.StudentId).ToList();
        return await changes.RunAsync(ChangeOptions.Report("Another manager confirmed the review at the same moment. Reload the review to see it as it is now."), async scope =>
        {
            var listings = await scope.Db.Set<RetentionListing>().Where(l => ids.Contains(l.StudentId)).ToDictionaryAsync(l => l.StudentId, ct);
            foreach (var row in rows)
            {
                var entry = RetentionReview.EntryFor(row.LastInvolvement, scope.Now);
                if (listings.TryGetValue(row.StudentId, out var listing))
                {
                    listing.Relist(entry.LastInvolvementSeen, entry.DestroyNotBefore, manager.Id, scope.Now);
                }
                else
                {
                    scope.Db.Add(new RetentionListing(row.StudentId, entry.LastInvolvementSeen, entry.DestroyNotBefore, manager.Id, scope.Now));
                }
            }

            scope.Audit(user, "retention.review", null, null, detail: $"{rows.Count} listed");
            return rows.Count;
        }, ct);
    }

    public async Task PlaceHoldAsync(ClaimsPrincipal user, Guid studentId, string reason, DateOnly reviewOn, CancellationToken ct = default)
    {
        var manager = await authorizer.RequireAsync(user, Permissions.ReviewRetention);
        await barriers.RequireVisibleAsync(user, BarrierTarget.Student(studentId), ct);
        // One transaction for "not already held" and the insert: two managers at once place one hold.
        await changes.RunAsync(HoldChange, async scope =>
        {
            if (!await scope.Db.Students.AnyAsync(s => s.Id == studentId, ct))
            {
                throw new RuleException("That record no longer exists.");
            }

            if (await scope.Db.Set<RetentionHold>().AnyAsync(h => h.StudentId == studentId && h.LiftedAt == null, ct))
            {
                throw new RuleException("This record is already held. Renew or lift the hold instead.");
            }

            scope.Db.Add(RetentionHold.Place(studentId, reason, reviewOn, manager.Id, scope.Now));
            scope.Audit(user, "retention.hold", "Student", studentId.ToString());
        }, ct);
    }

    public Task RenewHoldAsync(ClaimsPrincipal user, Guid holdId, DateOnly reviewOn, CancellationToken ct = default) =>
        ChangeHoldAsync(user, holdId, "retention.hold-renewed", (hold, _, now) => hold.Renew(reviewOn, now), ct);

    public Task LiftHoldAsync(ClaimsPrincipal user, Guid holdId, CancellationToken ct = default) =>
        ChangeHoldAsync(user, holdId, "retention.hold-lifted", (hold, manager, now) => hold.Lift(manager.Id, now), ct);

    /// <summary>The permission and the barrier, once, before the hold is read; then the change through <see cref="DataChanges"/>.</summary>
    private async Task ChangeHoldAsync(ClaimsPrincipal user, Guid holdId, string action, Action<RetentionHold, StaffMember, DateTimeOffset> change, CancellationToken ct)
    {
        var manager = await authorizer.RequireAsync(user, Permissions.ReviewRetention);
        await barriers.RequireVisibleAsync(user, BarrierTarget.RetentionHold(holdId), ct);
        await changes.RunAsync(HoldChange, async scope =>
        {
            var hold = await scope.Db.Set<RetentionHold>().SingleOrDefaultAsync(h => h.Id == holdId, ct) ?? throw new RuleException("That hold no longer exists.");
            change(hold, manager, scope.Now);
            scope.Audit(user, action, "Student", hold.StudentId.ToString());
        }, ct);
    }
}

public sealed record RetentionReviewView(ReviewWindow Window, int PolicyYears, IReadOnlyList<RetentionRow> Rows, IReadOnlyList<DestructionLogEntry> Log);

/// <param name="Listed">The current review has listed the record as it is now.</param>
public sealed record RetentionRow(
    Guid StudentId, string Name, bool Visible, DateTimeOffset LastInvolvement, DateOnly DestructionDate, RetentionDecision Decision, bool Listed, HoldView? Hold);

public sealed record HoldView(Guid Id, string Reason, DateOnly ReviewOn, bool ReviewDue);
