using DropIn.Web.Data;

namespace DropIn.Web.Security;

public static class CreateAdminSetup
{
    /// <summary>Migrates the database, then runs the create-admin command instead of the web server.</summary>
    public static async Task<int> RunCreateAdminAsync(this WebApplication app, string[] args)
    {
        foreach (var hosted in app.Services.GetServices<IHostedService>().OfType<DatabaseInitializer>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CreateAdminCommand>().RunAsync(args, Console.In, Console.Out);
    }
}
