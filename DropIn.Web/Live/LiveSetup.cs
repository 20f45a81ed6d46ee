namespace DropIn.Web.Live;

public static class LiveSetup
{
    public static WebApplicationBuilder AddDropInLive(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR();
        builder.Services.AddSingleton<ILiveUpdates, InProcessLiveUpdates>();
        builder.Services.AddHostedService<DisplayHubRelay>();
        return builder;
    }

    public static WebApplication MapDropInLive(this WebApplication app)
    {
        app.MapHub<DisplayHub>(DisplayHub.Path);
        return app;
    }
}
