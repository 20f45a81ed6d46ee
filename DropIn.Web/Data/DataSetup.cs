using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace DropIn.Web.Data;

public static class DataSetup
{
    /// <summary>
    /// The embedded default is a SQLite file in the data folder (DropIn:DataFolder, default App_Data under the
    /// content root); ConnectionStrings:DropIn overrides it. With DropIn:Database:Provider = Postgres,
    /// ConnectionStrings:DropIn is the PostgreSQL database (required).
    /// </summary>
    /// <exception cref="InvalidOperationException">An unknown provider, or PostgreSQL without a connection string.</exception>
    public static WebApplicationBuilder AddDropInData(this WebApplicationBuilder builder)
    {
        var provider = DatabaseProviders.From(builder.Configuration);
        var connectionString = builder.Configuration.GetConnectionString("DropIn");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = provider == DatabaseProvider.Postgres
                ? throw new InvalidOperationException("DropIn:Database:Provider is Postgres but ConnectionStrings:DropIn is not set.")
                : $"Data Source={Path.Combine(DataFolder.Resolve(builder), "dropin.db")}";
        }

        // A factory, not a scoped context: Blazor Server circuits live for hours, so each operation takes a fresh context.
        builder.Services.AddDbContextFactory<DropInDbContext, DropInDbContextFactory>(options =>
            // A list of values in a query (ids.Contains(x)) goes as one parameter (a JSON array in SQLite, an array in
            // PostgreSQL), not one parameter per value, EF 10's default: a query's text stays the same whatever the
            // list's length, and SQLite's limit of 32,766 parameters can never refuse a long one.
            // One query per load, chosen rather than defaulted (EF warns otherwise on every load of an entity with two
            // owned collections): a case's caseworkers and outcomes, a review's scores and actions, are a handful of
            // rows each, so their join is small, and one query reads them consistently.
            (provider == DatabaseProvider.Postgres
                ? options.UseNpgsql(connectionString, o => o.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter).UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
                : options.UseSqlite(connectionString, o => o.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter).UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)))
                .ReplaceService<IModelCacheKeyFactory, DropInModelCacheKeyFactory>()
                // A save that loses a race is expected and handled (DataChanges re-applies the rule or says so in words,
                // and logs it); EF's own "fail" lines for it read as faults to whoever watches the logs. A fault that is
                // not handled still reaches ASP.NET Core, which logs it as an error.
                .ConfigureWarnings(w => w.Log((RelationalEventId.CommandError, LogLevel.Information), (CoreEventId.SaveChangesFailed, LogLevel.Information))));
        // One per app: it holds the protector for the app's key ring, which every context's converters use.
        builder.Services.AddSingleton<FieldProtection>();
        // Stateless, over singletons (the context factory, the live bus, the audit trail, the clock).
        builder.Services.AddSingleton<DataChanges>();
        builder.Services.AddHostedService<DatabaseInitializer>();
        return builder;
    }
}
