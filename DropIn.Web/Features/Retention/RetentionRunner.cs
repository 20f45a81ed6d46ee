using DropIn.Domain.Calendar;
using DropIn.Domain.Retention;
using DropIn.Web.Data;
using DropIn.Web.Features.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Features.Retention;

/// <summary>
/// The nightly destruction. Each due student is destroyed in a transaction of their own, so a crash part-way
/// leaves whole records behind, which the next night picks up: running it twice, one after the other or at the same
/// moment on two app servers, does no more than once, and the night has one log entry counting what went.
/// </summary>
public sealed class RetentionRunner(
    IDbContextFactory<DropInDbContext> dbFactory, StudentDestroyer destroyer, DocumentStore documents, Messaging.IMailTransport mail, IOptions<RetentionOptions> options,
    TimeProvider clock, ILogger<RetentionRunner> logger)
{
    /// <summary>A case folder with no case is removed only when this old, so an upload in progress is never touched.</summary>
    private static readonly TimeSpan OrphanAge = TimeSpan.FromDays(1);

    /// <summary>
    /// A phone's request to join the queue serves only its session (the ticket keeps the visit), so it goes after two
    /// days, whatever the retention period: a copy of what the student said is kept no longer than it is needed.
    /// </summary>
    private static readonly TimeSpan JoinRequestAge = TimeSpan.FromDays(2);

    public async Task<DestructionCounts> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var policy = options.Value.Policy;
        var night = DestructionLog.NightOf(now);
        await DestructionLog.OpenAsync(dbFactory, now, policy.Years, ct);
        var cutoff = now.AddYears(-policy.Years).AddDays(2);
        List<Guid> candidates;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            candidates = await db.Students.AsNoTracking().Where(s => s.MergedIntoId == null && s.LastInvolvementAt < cutoff).Select(s => s.Id).ToListAsync(ct);
        }

        var total = DestructionCounts.None;
        var addresses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in candidates)
        {
            if (await destroyer.DestroyIfDueAsync(id, policy, now, ct) is { } destroyed)
            {
                total = total.Plus(destroyed.Counts);
                if (destroyed.Email is { } email)
                {
                    addresses.Add(email);
                }
            }
        }

        var before = now.AddYears(-policy.Years);
        total = total.Plus(await DestroyUnlinkedAsync(before, now - JoinRequestAge, now.AddYears(-options.Value.ReviewYears), night, ct));
        if (mail is Messaging.IKeepsMailCopies copies)
        {
            var forgotten = new DestructionCounts(0, 0, 0, copies.Forget(addresses, before), 0);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await DestructionLog.AddAsync(db, night, forgotten, ct);
            total = total.Plus(forgotten);
        }

        await SweepOrphanFoldersAsync(now, ct);

        logger.LogInformation(
            "Retention run: {Students} students, {Cases} cases, {Documents} documents, {Other} other records destroyed; {Remnants} remnants kept",
            total.Students, total.Cases, total.Documents, total.OtherRecords, total.Remnants);
        return total;
    }

    /// <summary>
    /// Visits, bookings and enquiries never linked to a student record, mail and staff notifications: destroyed by
    /// their own age. Nothing links them to a record a manager could hold, so they need no review. Counted in the
    /// night's log in the same transaction. Requests to join the queue go once older than <paramref name="joinRequestsBefore"/>,
    /// file reviews once drawn, and assessor visits once given, before <paramref name="reviewsBefore"/> (<see cref="RetentionOptions.ReviewYears"/>).
    /// </summary>
    private async Task<DestructionCounts> DestroyUnlinkedAsync(DateTimeOffset before, DateTimeOffset joinRequestsBefore, DateTimeOffset reviewsBefore, DateOnly night, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var count = 0;
        count += await db.OnlineJoinRequests.Where(r => r.RequestedAt < joinRequestsBefore).ExecuteDeleteAsync(ct);
        count += await db.Tickets.Where(t => t.StudentId == null && t.CheckedInAt < before).ExecuteDeleteAsync(ct);
        count += await db.Appointments.Where(a => a.StudentId == null && a.Start < before).ExecuteDeleteAsync(ct);
        count += await db.Enquiries.Where(e => e.StudentId == null && e.ReceivedAt < before).ExecuteDeleteAsync(ct);
        count += await db.Outbox.Where(m => m.CreatedAt < before).ExecuteDeleteAsync(ct);
        count += await db.Notifications.Where(n => n.CreatedAt < before).ExecuteDeleteAsync(ct);
        // Loaded and removed rather than deleted in SQL: a review owns its scores and actions in tables of their own.
        var reviews = await db.FileReviews.Where(r => r.DrawnAt < reviewsBefore).ToListAsync(ct);
        db.FileReviews.RemoveRange(reviews);
        // An assessor's visit is a record of the same kind (who read which files, when), kept as long from when it was given.
        var visits = await db.AssessorVisits.Where(v => v.GrantedAt < reviewsBefore).ToListAsync(ct);
        db.AssessorVisits.RemoveRange(visits);
        await db.SaveChangesAsync(ct);
        count += reviews.Count + visits.Count;
        var counts = new DestructionCounts(0, 0, 0, count, 0);
        await DestructionLog.AddAsync(db, night, counts, ct);
        await tx.CommitAsync(ct);
        return counts;
    }

    private async Task SweepOrphanFoldersAsync(DateTimeOffset now, CancellationToken ct)
    {
        var folders = documents.CaseFolders().Where(f => now.UtcDateTime - f.LastWriteUtc > OrphanAge).ToList();
        if (folders.Count == 0)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = folders.Select(f => f.CaseId).ToList();
        var live = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        foreach (var orphan in ids.Except(live))
        {
            try
            {
                documents.DeleteCase(orphan);
            }
            catch (DirectoryNotFoundException)
            {
                // Another run (another app server's, the same night) removed it a moment ago.
            }
        }
    }
}
