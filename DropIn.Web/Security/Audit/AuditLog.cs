using System.Collections.Concurrent;
using System.Security.Claims;
using DropIn.Domain.Confidentiality;
using DropIn.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Security.Audit;

/// <summary>
/// Appends to the audit trail. Appends are serialised so each entry chains onto the one before; the database's
/// unique sequence number and previous-hash make a second server that raced us fail rather than fork the chain.
/// </summary>
public sealed class AuditLog(IDbContextFactory<DropInDbContext> dbFactory, AuditKey key, TimeProvider clock, ILogger<AuditLog> logger) : IDisposable
{
    /// <summary>
    /// A screen that redraws on every live change re-reads the record, and a page is rendered twice on opening
    /// (prerendered, then live): one view per person, session and record per window is enough, and more would
    /// make the trail say it was seen more often than it was.
    /// </summary>
    public static readonly TimeSpan ViewWindow = TimeSpan.FromMinutes(5);

    /// <summary>The PostgreSQL advisory lock key of appends ("Audt" in ASCII).</summary>
    public const long AppendLockKey = 0x4175_6474;

    private readonly SemaphoreSlim _append = new(1, 1);
    private readonly ConcurrentDictionary<(string?, string?, string, string?), DateTimeOffset> _recentViews = new();

    /// <summary>Records that <paramref name="user"/> saw a record (or a list: <paramref name="recordId"/> names it), once per <see cref="ViewWindow"/>.</summary>
    public Task ViewedAsync(ClaimsPrincipal user, string recordType, string recordId, string action = "view", string? detail = null)
    {
        var now = clock.GetUtcNow();
        var id = (Actor(user), Session(user), $"{recordType}.{action}", recordId);
        if (_recentViews.TryGetValue(id, out var last) && now - last < ViewWindow)
        {
            return Task.CompletedTask;
        }

        _recentViews[id] = now;
        if (_recentViews.Count > 10_000)
        {
            // Forget views older than the window, so a long-running server does not keep every one it has seen.
            foreach (var stale in _recentViews.Where(v => now - v.Value >= ViewWindow).Select(v => v.Key).ToList())
            {
                _recentViews.TryRemove(stale, out _);
            }
        }

        return RecordAsync(user, $"{recordType.ToLowerInvariant()}.{action}", recordType, recordId, detail: detail);
    }

    public Task RecordAsync(ClaimsPrincipal? user, string action, string? recordType = null, string? recordId = null, AuditOutcome outcome = AuditOutcome.Allowed, string? detail = null) =>
        AppendAsync(Actor(user), Session(user), action, recordType, recordId, outcome, detail);

    public async Task AppendAsync(string? actorId, string? sessionId, string action, string? recordType, string? recordId, AuditOutcome outcome, string? detail)
    {
        await _append.WaitAsync();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                await using var db = await dbFactory.CreateDbContextAsync();
                // Instances sharing the database take turns before reading the newest entry, rather than race for the
                // same number (which can lose five times running under load, failing the action audited): on SQLite an
                // IMMEDIATE transaction; on PostgreSQL an advisory lock of the trail's own, not the one changes take, so
                // an append never waits behind a change that is itself about to append.
                await using var tx = db.Database.IsNpgsql() ? await db.Database.BeginTransactionAsync() : await DataChanges.BeginSerialisedAsync(db);
                if (db.Database.IsNpgsql())
                {
                    await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AppendLockKey})");
                }

                var previous = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).FirstOrDefaultAsync();
                var entry = AuditEntry.Chain(previous, clock.GetUtcNow(), actorId, sessionId, action, recordType, recordId, outcome, detail, key.Bytes);
                db.AuditEntries.Add(entry);
                try
                {
                    await db.SaveChangesAsync();
                    await tx.CommitAsync();
                    await key.WriteHeadAsync(entry.Sequence, entry.Hash);
                    return;
                }
                catch (DbUpdateException) when (attempt < 5)
                {
                    // Another server appended the same sequence number first: chain onto its entry instead.
                    logger.LogInformation("Audit append raced another writer; retrying");
                }
            }
        }
        finally
        {
            _append.Release();
        }
    }

    /// <summary>
    /// Checks the chain, then the chain's end against the head kept beside the key: a trail with entries but no head file,
    /// a head the trail does not reach, or a head whose hash differs from its entry is reported as broken, never as intact.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entries = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(ct);
        var result = AuditChain.Verify(entries, key.Bytes);
        if (!result.Intact)
        {
            return result;
        }

        var last = entries.Count == 0 ? 0 : entries[^1].Sequence;
        var head = key.ReadHead();
        if (head is null)
        {
            // Without the head nothing shows whether the newest entries were cut off: that is not "intact". An empty
            // trail with no head is a new installation (the head is written with the first entry).
            return entries.Count == 0
                ? result
                : new AuditVerification(false, result.Checked, last, $"The head file ({AuditKey.HeadFileName} in the keys folder) is missing or unreadable, so entries cut off the end could not be noticed. Restore it from the keys backup.");
        }

        if (last < head.Value.Sequence)
        {
            // The chain cannot show that its newest entries were cut off; the head kept beside the key can.
            return new AuditVerification(false, result.Checked, last + 1, $"Entries after {last} (up to {head.Value.Sequence}) were deleted.");
        }

        // A head behind the newest entry is normal (a crash between saving an entry and writing the head); its entry must match.
        var headEntry = entries.FirstOrDefault(e => e.Sequence == head.Value.Sequence);
        if (headEntry is null || !string.Equals(headEntry.Hash, head.Value.Hash, StringComparison.Ordinal))
        {
            return new AuditVerification(false, result.Checked, head.Value.Sequence, $"Entry {head.Value.Sequence} is not the one the head file ({AuditKey.HeadFileName}) recorded: the trail was replaced, or the head belongs to another database.");
        }

        return result;
    }

    public void Dispose() => _append.Dispose();

    private static string? Actor(ClaimsPrincipal? user) => user?.FindFirstValue(ClaimTypes.NameIdentifier);

    private static string? Session(ClaimsPrincipal? user) => user?.FindFirstValue(StaffClaims.Session);
}
