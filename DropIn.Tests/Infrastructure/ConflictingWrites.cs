using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DropIn.Tests.Infrastructure;

/// <summary>
/// Another writer who gets in between a change's read and its save, on demand: armed for an entity type, it runs a
/// SQL statement on the row about to be saved just before EF Core saves it. The database then refuses that save as it
/// would after any concurrent writer (the concurrency token has moved on, the row is gone, a unique name is taken), so
/// a test can force the conflict every time instead of hoping a race interleaves.
/// </summary>
/// <remarks>
/// The statement runs on the saving context's own connection: outside a transaction it is committed at once, like a
/// colleague's save; inside one (a serialised change, where SQLite would make a second connection wait until the first
/// commits) it is what a provider that does not serialise writers, such as PostgreSQL, lets through.
/// </remarks>
public sealed class ConflictingWrites : SaveChangesInterceptor
{
    private readonly Lock _gate = new();
    private Func<DbContext, FormattableString?>? _write;
    private int _left;

    /// <summary>How many times the other writer has written since it was last armed.</summary>
    public int Written { get; private set; }

    /// <summary>The next <paramref name="times"/> saves of a changed or deleted <typeparamref name="T"/> are each preceded by <paramref name="sql"/> for that row.</summary>
    public void Before<T>(Func<T, FormattableString> sql, int times = 1)
        where T : class
    {
        lock (_gate)
        {
            (_left, Written) = (times, 0);
            _write = db => db.ChangeTracker.Entries<T>().FirstOrDefault(e => e.State is EntityState.Modified or EntityState.Deleted) is { } entry ? sql(entry.Entity) : null;
        }
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && Next(db) is { } sql)
        {
            await db.Database.ExecuteSqlAsync(sql, cancellationToken);
        }

        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db && Next(db) is { } sql)
        {
            db.Database.ExecuteSql(sql);
        }

        return result;
    }

    private FormattableString? Next(DbContext db)
    {
        lock (_gate)
        {
            if (_left == 0 || _write?.Invoke(db) is not { } sql)
            {
                return null;
            }

            _left--;
            Written++;
            return sql;
        }
    }
}
