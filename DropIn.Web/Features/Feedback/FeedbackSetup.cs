namespace DropIn.Web.Features.Feedback;

public static class FeedbackSetup
{
    public static WebApplicationBuilder AddDropInFeedback(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FeedbackOptions>().BindConfiguration(FeedbackOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<FeedbackEmails>();
        builder.Services.AddSingleton<FeedbackInvitations>();
        builder.Services.AddScoped<FeedbackFormService>();
        builder.Services.AddScoped<FeedbackPermissionService>();
        builder.Services.AddScoped<FeedbackResultsService>();
        builder.Services.AddScoped<Statistics.IStatisticsSection, FeedbackStatisticsSection>();
        return builder;
    }
}
