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
    public PostgresDropInDbContext CreateDbContext(string[] args) =>
        new(Options(b => b.UseNpgsql("Host=localhost;Database=dropin")), Protection());

    /// <summary>The options the app gives a context, on the provider <paramref name="provider"/> sets.</summary>
    internal static DbContextOptions<DropInDbContext> Options(Func<DbContextOptionsBuilder<DropInDbContext>, DbContextOptionsBuilder<DropInDbContext>> provider)
    {
        // Identity builds its tables from its options, which the app's services carry: the same version here.
        var services = new ServiceCollection();
        services.Configure<IdentityOptions>(identity => identity.Stores.SchemaVersion = SecuritySetup.IdentitySchema);
        return provider(new DbContextOptionsBuilder<DropInDbContext>())
            .UseApplicationServiceProvider(services.BuildServiceProvider())
            .ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, DropInModelCacheKeyFactory>()
            .Options;
    }

    internal static FieldProtection Protection() => new(new EphemeralDataProtectionProvider(), NullLogger<FieldProtection>.Instance);
}

/// <summary>
/// SQLite's counterpart of <see cref="PostgresDesignTimeFactory"/>. Needed because design-time factories are covariant:
/// without one of its own, <c>--context DropInDbContext</c> would be given the PostgreSQL factory's context.
/// </summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<DropInDbContext>
{
    public DropInDbContext CreateDbContext(string[] args) =>
        new(PostgresDesignTimeFactory.Options(b => b.UseSqlite("Data Source=design.db")), PostgresDesignTimeFactory.Protection());
}
