using DropIn.Domain.Cases;
using DropIn.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Data;

/// <summary>
/// Brings the database up to date before the app takes requests: migrations (never a drop and re-create),
/// WAL mode for SQLite, the staff roles and the starting case categories. The demo data follows it (<c>Demo/DemoSetup</c>).
/// </summary>
internal sealed class DatabaseInitializer(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var factory = services.GetRequiredService<IDbContextFactory<DropInDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            await db.Database.MigrateAsync(cancellationToken);
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

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
