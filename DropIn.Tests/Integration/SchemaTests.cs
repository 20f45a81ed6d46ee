using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DropIn.Tests.Integration;

public sealed class SchemaTests
{
    [Fact]
    public async Task Model_HasNoChangesWithoutAMigration()
    {
        await using var app = new AppFactory();
        _ = app.Server;
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync();

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed: add a migration (docs/development.md).");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Startup_UsesWriteAheadLogging()
    {
        await using var app = new AppFactory();
        _ = app.Server;
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }
}
