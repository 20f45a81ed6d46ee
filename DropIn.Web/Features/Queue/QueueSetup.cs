using DropIn.Web.Features.Queue.Online;

namespace DropIn.Web.Features.Queue;

public static class QueueSetup
{
    public static WebApplicationBuilder AddDropInQueue(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<QueueOptions>().BindConfiguration(QueueOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SessionLocator>();
        builder.Services.AddSingleton<VisitHistory>();
        builder.Services.AddSingleton<QueueReadModel>();
        builder.Services.AddScoped<QueueService>();
        builder.Services.AddScoped<TodayService>();
        builder.Services.AddHostedService<DisplayHubRelay>();
        builder.Services.AddSingleton<Online.OnlineQueueEmails>();
        builder.Services.AddSingleton<Online.QueueNotices>();
        builder.Services.AddScoped<Online.OnlineQueueService>();
        builder.Services.AddScoped<Kiosk.KioskDevices>();
        builder.Services.AddScoped<Kiosk.KioskCheckIn>();
        return builder;
    }

    public static WebApplication MapDropInQueue(this WebApplication app) => app.MapBoardEndpoints().MapOnlineQueueEndpoints();
}
