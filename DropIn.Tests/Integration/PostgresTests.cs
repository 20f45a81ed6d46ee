using DropIn.Domain.Confidentiality;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Security.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DropIn.Tests.Integration;

/// <summary>
/// DropIn on PostgreSQL (DropIn:Database:Provider = Postgres): its own migrations, an audit trail that neither the app's
/// role nor the owner can change, and one unbroken audit chain when two instances append at once.
/// </summary>
public sealed class PostgresTests
{
    [Fact]
    public async Task Model_HasNoChangesWithoutAPostgresMigration_AndTheMigrationsApply()
    {
        await using var app = new AppFactory(postgres: true);
        _ = app.Server;
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync();

        Assert.IsType<PostgresDropInDbContext>(db);
        Assert.True(db.Database.IsNpgsql());
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed: add a migration for each provider (docs/development.md).");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.CaseCategories.ToListAsync());
    }

    /// <summary>The statistics' queries (lists sent as one array parameter, involvements as one UNION) run on PostgreSQL too.</summary>
    [Fact]
    public async Task Statistics_AreMade_OnPostgres_WithAStudentInvolvedThreeWays()
    {
        var clock = London.Clock(2026, 11, 24, 12, 0);
        await using var app = new AppFactory(postgres: true, clock: clock);
        var manager = await app.StaffAsync("Morgan Manager", DropIn.Web.Security.Roles.Manager);
        var reception = await app.StaffAsync("Rita Reception", DropIn.Web.Security.Roles.Reception);
        var student = await app.UseAsync<DropIn.Web.Features.Students.StudentService, DropIn.Domain.Cases.Student>(s =>
            s.RegisterAsync(reception, new DropIn.Domain.Cases.StudentProfile("Ada Lovelace", Email: "al123@cam.ac.uk")));
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync())
        {
            var category = await db.CaseCategories.Select(c => c.Id).FirstAsync();
            db.Cases.Add(DropIn.Domain.Cases.Case.Open(student.Id, category, 1, "Deposit withheld", "test", London.At(2026, 10, 12, 11, 0)));
            await db.SaveChangesAsync();
        }

        var report = await app.UseAsync<DropIn.Web.Features.Statistics.StatisticsService, DropIn.Web.Features.Statistics.StatisticsReport>(s =>
            s.ReportAsync(manager, DropIn.Web.Features.Statistics.StatisticsPeriod.AcademicYear(2026)));

        Assert.Contains(report.Table("gender").Rows, r => r.Label == "Not answered");
    }

    [Fact]
    public async Task AuditTrail_TheOwnerCannotChangeIt_AndTheAppsRoleHasNoRightTo_WhileTheAppRunsAsThatRole()
    {
        await using var owner = new AppFactory(postgres: true);
        _ = owner.Server;
        Assert.Equal(0, await MigrateCommand.RunAsync(ServicesWithAppRole(owner), TextWriter.Null));
        await owner.Services.GetRequiredService<AuditLog>().AppendAsync(null, null, "test.entry", null, null, AuditOutcome.Allowed, null);

        await using (var ownerConnection = new NpgsqlConnection(owner.PostgresDatabase))
        {
            await ownerConnection.OpenAsync();
            foreach (var sql in Changes)
            {
                var refused = await Assert.ThrowsAsync<PostgresException>(() => Execute(ownerConnection, sql));
                Assert.Contains("append-only", refused.MessageText);
            }
        }

        var asApp = new NpgsqlConnectionStringBuilder(owner.PostgresDatabase) { Username = "dropin", Password = "dropin" }.ConnectionString;
        await using (var appConnection = new NpgsqlConnection(asApp))
        {
            await appConnection.OpenAsync();
            foreach (var sql in Changes)
            {
                var refused = await Assert.ThrowsAsync<PostgresException>(() => Execute(appConnection, sql));
                Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
            }
        }

        // The app itself runs as that role: it reads, writes and appends to the trail.
        await using var app = new AppFactory(dataFolder: owner.DataFolder, settings: new Dictionary<string, string?> { ["ConnectionStrings:DropIn"] = asApp }, postgresDatabase: asApp);
        await app.StaffAsync("Rita Reception", DropIn.Web.Security.Roles.Reception);
        await app.Services.GetRequiredService<AuditLog>().AppendAsync(null, null, "test.entry", null, null, AuditOutcome.Allowed, null);
        var verification = await app.Services.GetRequiredService<AuditLog>().VerifyAsync();
        Assert.True(verification.Intact, verification.Message);
        Assert.Equal(2, verification.Checked);
    }

    [Fact]
    public async Task AuditTrail_TwoInstancesAppendingAtOnce_KeepOneUnbrokenChain()
    {
        await using var a = new AppFactory(postgres: true);
        _ = a.Server;
        await using var b = new AppFactory(dataFolder: a.DataFolder, postgresDatabase: a.PostgresDatabase);
        _ = b.Server;
        var logs = new[] { a, b }.Select(app => app.Services.GetRequiredService<AuditLog>()).ToArray();

        await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(() =>
            logs[i % 2].AppendAsync($"staff-{i % 2}", null, "test.entry", "Case", i.ToString(System.Globalization.CultureInfo.InvariantCulture), AuditOutcome.Allowed, null))));

        var verification = await logs[1].VerifyAsync();
        Assert.True(verification.Intact, verification.Message);
        Assert.Equal(60, verification.Checked);
        await using var db = await a.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync();
        Assert.Equal(2, await db.AuditEntries.Select(e => e.ActorId).Distinct().CountAsync());
    }

    private static readonly string[] Changes =
    [
        """UPDATE "AuditEntries" SET "ActorId" = 'someone else'""",
        """DELETE FROM "AuditEntries" """,
        """TRUNCATE "AuditEntries" """,
    ];

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The app's services, but reading DropIn:Database:AppRole = dropin (the role servers.sh creates).</summary>
    private static IServiceProvider ServicesWithAppRole(AppFactory app)
    {
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(app.Services.GetRequiredService<IConfiguration>())
            .AddInMemoryCollection(new Dictionary<string, string?> { ["DropIn:Database:AppRole"] = "dropin" })
            .Build();
        return new OverridingServices(app.Services, configuration);
    }

    private sealed class OverridingServices(IServiceProvider inner, IConfiguration configuration) : IServiceProvider
    {
        public object? GetService(Type serviceType) =>
            serviceType == typeof(IConfiguration) ? configuration : inner.GetService(serviceType);
    }
}
