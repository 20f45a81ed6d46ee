namespace DropIn.Web.Data;

/// <summary>Where DropIn keeps its data: <c>DropIn:Database:Provider</c>.</summary>
public enum DatabaseProvider
{
    /// <summary>The embedded default: one server, a SQLite file in the data folder.</summary>
    Sqlite,

    /// <summary>PostgreSQL (ConnectionStrings:DropIn), for several instances (docs: deploy/scale-out.md).</summary>
    Postgres,
}

public static class DatabaseProviders
{
    public const string Setting = "DropIn:Database:Provider";

    /// <summary>The configured provider; Sqlite when unset.</summary>
    /// <exception cref="InvalidOperationException">The setting names no provider DropIn knows.</exception>
    public static DatabaseProvider From(IConfiguration configuration) =>
        configuration[Setting] is not { Length: > 0 } value ? DatabaseProvider.Sqlite
        : Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var provider) && Enum.IsDefined(provider) ? provider
        : throw new InvalidOperationException($"{Setting} is \"{value}\": use Sqlite (the default) or Postgres.");
}
