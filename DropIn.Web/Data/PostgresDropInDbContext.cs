using DropIn.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Logging.Abstractions;

namespace DropIn.Web.Data;

/// <summary>
/// The same model on PostgreSQL. A type of its own only so that its migrations (Data/Migrations/Postgres) are kept apart
/// from SQLite's, as EF Core documents for one model on two providers ("Migrations with multiple providers").
/// </summary>
public sealed class PostgresDropInDbContext(DbContextOptions<DropInDbContext> options, FieldProtection fieldProtection)
    : DropInDbContext(options, fieldProtection);

/// <summary>
/// For <c>dotnet ef migrations add X --context PostgresDropInDbContext --output-dir Data/Migrations/Postgres</c>: a model
/// to diff against, never a connection (no database is opened to add a migration).
/// </summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDropInDbContext>
{
    public PostgresDropInDbContext CreateDbContext(string[] args)
    {
        // Identity builds its tables from its options, which the app's services carry: the same version here.
        var services = new ServiceCollection();
        services.Configure<IdentityOptions>(identity => identity.Stores.SchemaVersion = SecuritySetup.IdentitySchema);
        var options = new DbContextOptionsBuilder<DropInDbContext>()
            .UseNpgsql("Host=localhost;Database=dropin")
            .UseApplicationServiceProvider(services.BuildServiceProvider())
            .ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, DropInModelCacheKeyFactory>()
            .Options;
        return new PostgresDropInDbContext(options, new FieldProtection(new EphemeralDataProtectionProvider(), NullLogger<FieldProtection>.Instance));
    }
}
