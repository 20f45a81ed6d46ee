using DropIn.Domain.Cases;
using DropIn.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Data;

/// <summary>
/// Brings the database up to date before the app takes requests: migrations (never a drop and re-create), WAL mode for
/// SQLite, the staff roles and the starting case categories. The demo data follows it (<c>Demo/DemoSetup</c>).
/// In cluster mode (<c>DropIn:Cluster:Enabled</c>) an instance changes nothing at start-up: the <c>migrate</c> command
/// has done it once before the rollout (<see cref="MigrateCommand"/>), and an instance that finds migrations still
/// pending refuses to start rather than run on a schema it does not match.
/// </summary>
internal sealed class DatabaseInitializer(IServiceProvider services, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Hosting.ClusterMode.IsEnabled(configuration))
        {
            await PrepareAsync(services, cancellationToken);
            return;
        }

        var factory = services.GetRequiredService<IDbContextFactory<DropInDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database is {pending.Count} migration(s) behind this version ({string.Join(", ", pending)}). In cluster mode instances do not migrate: run `dotnet DropIn.Web.dll migrate` once, then start the instances.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Migrates and seeds what every installation needs. Safe to run again and again: each seed adds only what is missing.
    /// </summary>
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var factory = services.GetRequiredService<IDbContextFactory<DropInDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            // Only when something is pending: an app whose database role may not create tables (PostgreSQL with
            // DropIn:Database:AppRole) starts on a database that is up to date without trying to change it.
            if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
            {
                await db.Database.MigrateAsync(cancellationToken);
            }

            if (db.Database.IsSqlite())
            {
                // WAL lets the display board and every tablet read while reception writes.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }

            // The code of practice's categories to start with; a manager edits the list from then on.
            if (!await db.CaseCategories.AnyAsync(cancellationToken))
            {
                db.CaseCategories.AddRange(CaseCategory.Defaults.Select((name, i) => CaseCategory.Create(name, i)));
                await db.SaveChangesAsync(cancellationToken);
            }

            // The outcomes an advice-quality audit asks about, to start with; a manager edits the list from then on.
            if (!await db.OutcomeKinds.AnyAsync(cancellationToken))
            {
                db.OutcomeKinds.AddRange(OutcomeKind.Defaults.Select((name, i) => OutcomeKind.Create(name, i)));
                await db.SaveChangesAsync(cancellationToken);
            }

            if (!await db.ReviewCriteria.AnyAsync(cancellationToken))
            {
                db.ReviewCriteria.AddRange(DropIn.Domain.Reviews.ReviewCriterion.Defaults.Select((name, i) => DropIn.Domain.Reviews.ReviewCriterion.Create(name, i)));
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }
}
