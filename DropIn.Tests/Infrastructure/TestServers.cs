using Npgsql;

namespace DropIn.Tests.Infrastructure;

/// <summary>
/// The real PostgreSQL and Redis the scale-out tests use, started on loopback by <c>ScaleOut/servers.sh start</c>
/// (run-tests.sh does it). DROPIN_TEST_POSTGRES is a connection string for a role that may create databases;
/// DROPIN_TEST_REDIS a StackExchange.Redis configuration. Unset, they are servers.sh's defaults.
/// </summary>
public static class TestServers
{
    public static string PostgresAdmin =>
        Environment.GetEnvironmentVariable("DROPIN_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : "Host=127.0.0.1;Port=55432;Username=dropin_owner;Password=dropin;Database=dropin";

    public static string Redis =>
        Environment.GetEnvironmentVariable("DROPIN_TEST_REDIS") is { Length: > 0 } value ? value : "127.0.0.1:56379";

    /// <summary>Creates an empty database of its own for one test (or fixture) and returns its connection string.</summary>
    /// <exception cref="InvalidOperationException">PostgreSQL is not running: the message says how to start it.</exception>
    public static async Task<string> NewPostgresDatabaseAsync(string? role = null)
    {
        var name = $"dropin_test_{Guid.NewGuid():N}";
        try
        {
            await using var admin = new NpgsqlConnection(PostgresAdmin);
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException ex)
        {
            throw new InvalidOperationException(
                "PostgreSQL for the scale-out tests is not reachable. Start it with `bash DropIn.Tests/ScaleOut/servers.sh start` (run-tests.sh does).", ex);
        }

        var builder = new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = name };
        if (role is not null)
        {
            builder.Username = role;
        }

        return builder.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="NewPostgresDatabaseAsync"/>, closing what still uses it.</summary>
    public static async Task DropPostgresDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var admin = new NpgsqlConnection(PostgresAdmin);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
