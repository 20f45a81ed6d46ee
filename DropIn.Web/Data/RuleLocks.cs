using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Data;

/// <summary>
/// A named lock row. A rule that spans rows (a caseworker's availability windows never overlap; one drop-in session
/// at a time) is checked and written in one transaction that first takes the lock for what the rule is about, so two
/// writers at the same moment run one after the other and the second sees what the first wrote.
/// </summary>
/// <remarks>
/// SQLite's immediate transactions already let one writer in at a time, but no rule may rely on that: on PostgreSQL
/// (scale-out) the upsert below holds the row lock until commit, which gives the same order.
/// </remarks>
public sealed class RuleLock
{
    private RuleLock()
    {
    }

    public string Name { get; private set; } = "";

    /// <summary>How many times the lock was taken; written only so that taking it is a write.</summary>
    public long Taken { get; private set; }
}

public static class RuleLocks
{
    /// <summary>The lock on one caseworker's availability: weekly windows and leave.</summary>
    public static string Availability(string staffId) => $"availability:{staffId}";

    /// <summary>The lock on closure days and the enquiry deadlines computed from them.</summary>
    public const string Closures = "closures";

    /// <summary>The lock on drop-in sessions: starting an extra one, opening one early.</summary>
    public const string DropInSessions = "drop-in-sessions";

    /// <summary>Takes the named lock for the rest of the current transaction.</summary>
    /// <exception cref="InvalidOperationException">No transaction is open: the lock would end with the statement.</exception>
    public static async Task LockAsync(this DropInDbContext db, string name, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A rule lock is taken inside the transaction that checks and writes.");
        }

        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "RuleLocks" ("Name", "Taken") VALUES ({name}, 1) ON CONFLICT ("Name") DO UPDATE SET "Taken" = "RuleLocks"."Taken" + 1""", ct);
    }
}
