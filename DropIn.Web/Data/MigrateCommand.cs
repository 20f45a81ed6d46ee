using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Data;

/// <summary>
/// <c>dotnet DropIn.Web.dll migrate</c>: brings the database up to date and seeds it, once, before a rollout (cluster
/// instances never do it at start-up). Run it with the connection string of the role that owns the database. With
/// <c>DropIn:Database:AppRole</c> set (PostgreSQL), it then grants that role what the app needs and nothing more: every
/// table and sequence, except that the audit trail can only be read and appended to. Exit code 0 when done.
/// </summary>
public static partial class MigrateCommand
{
    public const string Verb = "migrate";

    /// <summary>Each step a part of the cluster needs done once (the job store's tables, the key ring, the audit key).</summary>
    public delegate Task ProvisionStep(IServiceProvider services, TextWriter output, CancellationToken ct);

    /// <param name="services">The app's services (the app is built, not started).</param>
    /// <exception cref="InvalidOperationException">DropIn:Database:AppRole is not a plain role name, or is set for SQLite.</exception>
    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, IEnumerable<ProvisionStep>? steps = null, CancellationToken ct = default)
    {
        // The keys first: the audit trail's key must exist before the seeds write anything that is audited, and the
        // first Data Protection key is made once here rather than by every instance starting at the same moment.
        if (await Security.KeyRing.ProvisionAsync(services, ct))
        {
            await output.WriteLineAsync("Created the first Data Protection key in the shared keys folder.");
        }

        if (await Security.Audit.AuditKey.ProvisionAsync(services, ct))
        {
            await output.WriteLineAsync("Created the audit trail's key (audit.key) in the shared keys folder: back it up apart from the database.");
        }

        await DatabaseInitializer.PrepareAsync(services, ct);
        await output.WriteLineAsync("Database migrated and seeded.");
        foreach (var step in steps ?? [])
        {
            await step(services, output, ct);
        }

        var role = services.GetRequiredService<IConfiguration>()["DropIn:Database:AppRole"];
        if (!string.IsNullOrWhiteSpace(role))
        {
            await GrantAsync(services, role, ct);
            await output.WriteLineAsync($"Granted the app role {role} its privileges; it cannot change or delete audit entries.");
        }

        return 0;
    }

    /// <exception cref="InvalidOperationException">The role name is not a plain PostgreSQL identifier, or the database is not PostgreSQL.</exception>
    private static async Task GrantAsync(IServiceProvider services, string role, CancellationToken ct)
    {
        if (!PlainIdentifier().IsMatch(role))
        {
            throw new InvalidOperationException($"DropIn:Database:AppRole \"{role}\" is not a plain role name (letters, digits and underscores).");
        }

        await using var db = await services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync(ct);
        if (!db.Database.IsNpgsql())
        {
            throw new InvalidOperationException("DropIn:Database:AppRole applies to PostgreSQL only.");
        }

        // The name was checked above: identifiers cannot be parameters.
#pragma warning disable EF1002
        await db.Database.ExecuteSqlRawAsync($"""
            GRANT USAGE ON SCHEMA public TO "{role}";
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{role}";
            GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO "{role}";
            REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEntries" FROM "{role}";
            """, ct);
#pragma warning restore EF1002
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex PlainIdentifier();
}
