using System.Data.Common;
using DropIn.Domain;
using DropIn.Web.Live;
using DropIn.Web.Security.Audit;
using Microsoft.Data.Sqlite;
using Npgsql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DropIn.Web.Data;

/// <summary>
/// The one way a feature service writes: a fresh context (and, when asked, a transaction and a rule lock), the
/// feature's rule, save, commit, then the audit entries and live changes the rule queued. A save the database refuses
/// because someone else wrote first is never an error page: it is re-applied or told in words (<see cref="ChangeOptions"/>).
/// </summary>
/// <remarks>
/// Authorisation and information barriers are not checked here, on purpose: each service method checks them with the
/// id it was given, before it calls <see cref="RunAsync{T}"/>, so before anything is read (see docs/permissions.md).
/// </remarks>
public sealed class DataChanges(IDbContextFactory<DropInDbContext> dbFactory, ILiveUpdates live, AuditLog audit, TimeProvider clock, ILogger<DataChanges> logger) : IDisposable
{
    /// <summary>How long a serialised change on SQLite waits for this server's turn before leaving it to SQLite's busy timeout.</summary>
    private static readonly TimeSpan TurnWait = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _sqliteTurn = new(1, 1);

    /// <summary>Runs <paramref name="change"/> and saves what it tracked, as <paramref name="options"/> say.</summary>
    /// <returns>What <paramref name="change"/> returned, from the attempt that was committed; default when it gave way (<see cref="OnConflict.GiveWay"/>).</returns>
    /// <exception cref="RuleException">The rule refused (its own message), or the save lost a race and is not re-applied (<see cref="ChangeOptions.ConflictMessage"/>).</exception>
    public async Task<T> RunAsync<T>(ChangeOptions options, Func<ChangeScope, Task<T>> change, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            ChangeScope scope;
            T result;
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                var serialised = options.Serialised || options.Lock is not null;
                // On SQLite only one serialised change is inside at a time anyway (IMMEDIATE). Those of this server wait
                // for their turn here, without holding a thread: in SQLite's busy handler each waiting writer blocks a
                // thread-pool thread, and under a booking rush that starved the pool and slowed every request. A turn
                // not had within TurnWait is not waited for further: SQLite itself decides, as it did before.
                var gated = serialised && db.Database.IsSqlite() && await _sqliteTurn.WaitAsync(TurnWait, ct);

                try
                {
                    await using var tx = serialised ? await BeginSerialisedAsync(db, ct) : null;
                    if (options.Lock is { } name)
                    {
                        await db.LockAsync(name, ct);
                    }

                    scope = new ChangeScope(db, clock.GetUtcNow());
                    result = await change(scope);
                    await db.SaveChangesAsync(ct);
                    if (tx is not null)
                    {
                        await tx.CommitAsync(ct);
                    }
                }
                finally
                {
                    if (gated)
                    {
                        _sqliteTurn.Release();
                    }
                }
            }
            catch (Exception ex) when (IsConflict(ex))
            {
                // Types and codes only: a provider's message may quote the values that clashed. SQLite's extended code
                // tells a lost race (a unique index, 2067) from a fault that only looks like one.
                logger.LogInformation("A change lost a race ({Exception}, SQLite code {Code}, SQLSTATE {SqlState}), attempt {Attempt} of {Max}",
                    ex.GetType().Name, (ex as SqliteException ?? ex.InnerException as SqliteException)?.SqliteExtendedErrorCode,
                    (ex as PostgresException ?? ex.InnerException as PostgresException)?.SqlState, attempt, options.MaxAttempts);
                if (options.OnConflict == OnConflict.Reapply && attempt < options.MaxAttempts)
                {
                    // Real time, not the service clock (a fake clock in tests never moves): a short, growing, random
                    // pause so that writers who collided do not collide again in step.
                    await Task.Delay(Random.Shared.Next(5, 25) * attempt, ct);
                    continue;
                }

                return options.OnConflict == OnConflict.GiveWay ? default! : throw new RuleException(options.ConflictMessage);
            }

            await scope.AfterCommitAsync(audit, live);
            return result;
        }
    }

    public void Dispose() => _sqliteTurn.Dispose();

    /// <inheritdoc cref="RunAsync{T}"/>
    public Task RunAsync(ChangeOptions options, Func<ChangeScope, Task> change, CancellationToken ct = default) =>
        RunAsync(options, async scope =>
        {
            await change(scope);
            return true;
        }, ct);

    /// <summary>
    /// Opens a transaction before anything is read, that one writer at a time is inside. On SQLite the transaction is
    /// IMMEDIATE (Microsoft.Data.Sqlite takes the database's write lock at once). On PostgreSQL, whose transactions let
    /// writers run side by side, it first takes one transaction-scoped advisory lock (<see cref="SerialisedLockKey"/>),
    /// released at commit or rollback: the rules that span rows (one student per caseworker, extra sessions never
    /// overlap, two caseworkers never get the same student) hold on either database, across every instance.
    /// </summary>
    public static async Task<IDbContextTransaction> BeginSerialisedAsync(DropInDbContext db, CancellationToken ct = default)
    {
        var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SerialisedLockKey})", ct);
        }

        return tx;
    }

    /// <summary>The PostgreSQL advisory lock key of serialised changes ("DrIn" in ASCII); the audit trail has its own.</summary>
    public const long SerialisedLockKey = 0x4472_496E;

    /// <summary>
    /// The database refused the save for a write at the same moment: a concurrency token, a unique index or a row
    /// deleted meanwhile (<see cref="DbUpdateException"/>), or the database stayed locked by another writer past the
    /// command timeout (SQLite busy or locked; on other providers, what they call transient).
    /// </summary>
    private static bool IsConflict(Exception ex) =>
        ex is DbUpdateException or SqliteException { SqliteErrorCode: 5 or 6 } or DbException { IsTransient: true }
            or PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.UniqueViolation };
}
