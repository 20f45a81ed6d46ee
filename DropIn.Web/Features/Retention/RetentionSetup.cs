namespace DropIn.Web.Features.Retention;

public static class RetentionSetup
{
    public static WebApplicationBuilder AddDropInRetention(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<RetentionService>();
        builder.Services.AddSingleton<StudentDestroyer>();
        builder.Services.AddSingleton<RetentionRunner>();
        return builder;
    }
}
