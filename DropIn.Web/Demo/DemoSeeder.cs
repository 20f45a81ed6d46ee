namespace DropIn.Web.Demo;

/// <summary>Seeds the demo data once the database is up to date (Development only; see <see cref="DemoSetup"/>).</summary>
internal sealed class DemoSeeder(IServiceProvider services, IConfiguration configuration, ILogger<DemoSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Hosting.ClusterMode.IsEnabled(configuration))
        {
            // Cluster instances seed nothing at start-up (the migrate command seeds, once).
            return;
        }

        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(cancellationToken);
        logger.LogInformation("Development: demo staff and demo data are in place");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
