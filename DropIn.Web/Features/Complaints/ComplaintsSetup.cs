using DropIn.Web.Features.Statistics;

namespace DropIn.Web.Features.Complaints;

public static class ComplaintsSetup
{
    /// <summary>The complaints register, its deadline reminders, and its section of the statistics.</summary>
    public static WebApplicationBuilder AddDropInComplaints(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ComplaintOptions>().BindConfiguration(ComplaintOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.RespondWorkingDays >= o.AcknowledgeWorkingDays, "DropIn:Complaints:RespondWorkingDays cannot be fewer than AcknowledgeWorkingDays.").ValidateOnStart();
        builder.Services.AddScoped<ComplaintService>();
        builder.Services.AddSingleton<ComplaintReminders>();
        builder.Services.AddScoped<IStatisticsSection, ComplaintStatisticsSection>();
        return builder;
    }
}
