using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.Internal;

namespace DropIn.Web.Data;

/// <summary>
/// Makes each operation's context, of the type whose migrations match the configured provider
/// (<see cref="DatabaseProvider"/>): <see cref="PostgresDropInDbContext"/> on PostgreSQL, <see cref="DropInDbContext"/> on SQLite.
/// </summary>
internal sealed class DropInDbContextFactory(DbContextOptions<DropInDbContext> options, FieldProtection fieldProtection) : IDbContextFactory<DropInDbContext>
{
#pragma warning disable EF1001 // The options extension is how the provider was chosen; reading it is stable across EF Core 10.
    private readonly bool _postgres = options.FindExtension<NpgsqlOptionsExtension>() is not null;
#pragma warning restore EF1001

    public DropInDbContext CreateDbContext() =>
        _postgres ? new PostgresDropInDbContext(options, fieldProtection) : new DropInDbContext(options, fieldProtection);
}
