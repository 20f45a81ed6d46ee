namespace DropIn.Web.Features.Notifications;

public static class NotificationsSetup
{
    /// <summary>In-app reminders for staff (enquiries, case deadlines, subject access, conduct all raise them).</summary>
    public static WebApplicationBuilder AddDropInNotifications(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<NotificationService>();
        return builder;
    }
}
