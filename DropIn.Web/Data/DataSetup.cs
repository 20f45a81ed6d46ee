using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace DropIn.Web.Data;

public static class DataSetup
{
    /// <summary>
    /// The embedded default is a SQLite file in the data folder (DropIn:DataFolder, default App_Data under the
    /// content root); ConnectionStrings:DropIn overrides it.
    /// </summary>
    public static WebApplicationBuilder AddDropInData(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("DropIn");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = $"Data Source={Path.Combine(DataFolder.Resolve(builder), "dropin.db")}";
        }

        // A factory, not a scoped context: Blazor Server circuits live for hours, so each operation takes a fresh context.
        builder.Services.AddDbContextFactory<DropInDbContext>(options => options.UseSqlite(connectionString)
            .ReplaceService<IModelCacheKeyFactory, DropInModelCacheKeyFactory>());
        // One per app: it holds the protector for the app's key ring, which every context's converters use.
        builder.Services.AddSingleton<FieldProtection>();
        // Stateless, over singletons (the context factory, the live bus, the audit trail, the clock).
        builder.Services.AddSingleton<DataChanges>();
        builder.Services.AddHostedService<DatabaseInitializer>();
        return builder;
    }
}
