using DropIn.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace DropIn.Web.Data;

/// <summary>
/// For <c>dotnet ef migrations add X --context DropInDbContext --output-dir Data/Migrations/Sqlite</c>: a model to diff
/// against, never a connection (no database is opened to add a migration). Needed beside
/// <see cref="PostgresDesignTimeFactory"/> because design-time factories are covariant: without one of its own,
/// <c>--context DropInDbContext</c> would be given the PostgreSQL factory's context.
/// </summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<DropInDbContext>
{
    public DropInDbContext CreateDbContext(string[] args) =>
        new(DesignTimeOptions.For(b => b.UseSqlite("Data Source=design.db")), DesignTimeOptions.Protection());
}

/// <summary>For <c>dotnet ef migrations add X --context PostgresDropInDbContext --output-dir Data/Migrations/Postgres</c>.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDropInDbContext>
{
    public PostgresDropInDbContext CreateDbContext(string[] args) =>
        new(DesignTimeOptions.For(b => b.UseNpgsql("Host=localhost;Database=dropin")), DesignTimeOptions.Protection());
}

/// <summary>What both design-time factories give a context: the app's model, without the app's services.</summary>
internal static class DesignTimeOptions
{
    /// <summary>The options the app gives a context, on the provider <paramref name="provider"/> sets.</summary>
    internal static DbContextOptions<DropInDbContext> For(Func<DbContextOptionsBuilder<DropInDbContext>, DbContextOptionsBuilder<DropInDbContext>> provider)
    {
        // Identity builds its tables from its options, which the app's services carry: the same version here.
        var services = new ServiceCollection();
        services.Configure<IdentityOptions>(identity => identity.Stores.SchemaVersion = SecuritySetup.IdentitySchema);
        return provider(new DbContextOptionsBuilder<DropInDbContext>())
            .UseApplicationServiceProvider(services.BuildServiceProvider())
            .ReplaceService<IModelCacheKeyFactory, DropInModelCacheKeyFactory>()
            .Options;
    }

    /// <summary>Field encryption with a throwaway key: a migration never reads or writes a value.</summary>
    internal static FieldProtection Protection() => new(new EphemeralDataProtectionProvider(), NullLogger<FieldProtection>.Instance);
}
