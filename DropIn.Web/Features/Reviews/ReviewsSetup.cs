namespace DropIn.Web.Features.Reviews;

public static class ReviewsSetup
{
    public static WebApplicationBuilder AddDropInReviews(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<FileReviewService>();
        builder.Services.AddScoped<ReviewActionReminders>();
        builder.Services.AddScoped<Statistics.IStatisticsSection, ReviewStatisticsSection>();
        return builder;
    }
}
