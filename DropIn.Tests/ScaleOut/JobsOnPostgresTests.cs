using System.Globalization;
using DropIn.Domain.Cases;
using DropIn.Domain.Retention;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Retention;
using DropIn.Web.Messaging;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DropIn.Tests.ScaleOut;

/// <summary>
/// Jobs' work done by two app servers at the same moment on the real PostgreSQL, where nothing lets one writer in at a
/// time as SQLite does: both read what is due before either writes (<see cref="SavesMeet"/>), and still each email goes
/// once and each student is destroyed once, leaving one statistics remnant per case.
/// </summary>
/// <remarks>
/// The schema is made by the PostgreSQL migrations, as <c>migrate</c> makes it; the field encryption, the mail transport
/// and the document store are the app's own, from an app on its default SQLite file.
/// </remarks>
public sealed class JobsOnPostgresTests
{
    private readonly SavesMeet _meet = new();

    [Fact]
    public async Task TwoServersDispatchingTheOutboxAtOnce_SendEveryMessageExactlyOnce()
    {
        var port = AppFactory.FreePort();
        await using var smtp = new TestSmtpServer(port);
        await using var app = new AppFactory(settings: new Dictionary<string, string?>
        {
            ["DropIn:Mail:Smtp:Host"] = "127.0.0.1",
            ["DropIn:Mail:Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["DropIn:Mail:Smtp:UseStartTls"] = "false",
        });
        var postgres = await PostgresAsync(app);
        await using (var db = await postgres.CreateDbContextAsync())
        {
            for (var i = 1; i <= 40; i++)
            {
                db.Outbox.Add(new OutboxMessage($"student{i}@cam.ac.uk", $"Message {i}", "text", "<p>html</p>", null, TimeProvider.System.GetUtcNow()));
            }

            await db.SaveChangesAsync();
        }

        var servers = new[] { ActivatorUtilities.CreateInstance<OutboxDispatcher>(app.Services, postgres), ActivatorUtilities.CreateInstance<OutboxDispatcher>(app.Services, postgres) };
        var sent = new int[2];
        _meet.Arm();

        var failures = await AtOnce.RunAsync(
            async () => sent[0] = await servers[0].DispatchDueAsync(CancellationToken.None),
            async () => sent[1] = await servers[1].DispatchDueAsync(CancellationToken.None));

        Assert.Equal([null, null], failures);
        var subjects = smtp.Messages.Select(m => m.Split('\n').Single(l => l.StartsWith("Subject: ", StringComparison.Ordinal)).TrimEnd()).ToList();
        Assert.Equal((40, 40, 40), (subjects.Count, subjects.Distinct().Count(), sent.Sum()));
        await using var after = await postgres.CreateDbContextAsync();
        Assert.False(await after.Outbox.AnyAsync(m => m.SentAt == null));
    }

    [Fact]
    public async Task TwoServersDestroyingTheSameStudentAtOnce_OneDoes_AndItsCaseLeavesOneRemnant()
    {
        await using var app = new AppFactory();
        var postgres = await PostgresAsync(app);
        var involved = London.At(2019, 11, 20, 11, 0);
        Guid studentId;
        await using (var db = await postgres.CreateDbContextAsync())
        {
            var category = CaseCategory.Create("Academic appeal", 1);
            db.CaseCategories.Add(category);
            var student = Student.Register(new StudentProfile("Ada Lovelace", Email: "al123@cam.ac.uk"), "staff-1", involved);
            db.Students.Add(student);
            await db.SaveChangesAsync();
            db.Cases.Add(Case.Open(student.Id, category.Id, 1, "Appeal against a fail mark", "staff-1", involved));
            db.Add(new RetentionListing(student.Id, student.LastInvolvementAt, new DateOnly(2026, 11, 20), "manager-1", London.At(2026, 11, 2, 10, 0)));
            await db.SaveChangesAsync();
            studentId = student.Id;
        }

        var destroyer = new StudentDestroyer(postgres, app.Services.GetRequiredService<DocumentStore>(), app.Services.GetRequiredService<DropIn.Web.Live.ILiveUpdates>());
        var (policy, night) = (new RetentionPolicy(7), London.At(2026, 12, 1, 2, 30));
        var destroyed = new DestroyedStudent?[2];
        _meet.Arm();

        var failures = await AtOnce.RunAsync(
            async () => destroyed[0] = await destroyer.DestroyIfDueAsync(studentId, policy, night),
            async () => destroyed[1] = await destroyer.DestroyIfDueAsync(studentId, policy, night));

        Assert.Equal([null, null], failures);
        Assert.Single(destroyed, d => d is not null);
        await using var after = await postgres.CreateDbContextAsync();
        Assert.False(await after.Students.AnyAsync());
        Assert.Equal(1, await after.StatisticsRemnants.CountAsync());
    }

    /// <summary>A fresh PostgreSQL database migrated as the app migrates it, its saves watched by <see cref="_meet"/>.</summary>
    private async Task<IDbContextFactory<DropInDbContext>> PostgresAsync(AppFactory app)
    {
        var options = new DbContextOptionsBuilder<DropInDbContext>()
            .UseNpgsql(await TestServers.NewPostgresDatabaseAsync())
            .UseApplicationServiceProvider(app.Services) // Identity's table shapes come from the app's options
            .ReplaceService<IModelCacheKeyFactory, DropInModelCacheKeyFactory>()
            .AddInterceptors(_meet)
            .Options;
        var factory = new ContextFactory(options, app.Services.GetRequiredService<FieldProtection>());
        await using var db = factory.CreateDbContext();
        await db.Database.MigrateAsync();
        return factory;
    }

    private sealed class ContextFactory(DbContextOptions<DropInDbContext> options, FieldProtection fields) : IDbContextFactory<DropInDbContext>
    {
        public DropInDbContext CreateDbContext() => new PostgresDropInDbContext(options, fields);
    }
}
