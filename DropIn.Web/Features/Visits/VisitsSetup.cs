namespace DropIn.Web.Features.Visits;

public static class VisitsSetup
{
    public static WebApplicationBuilder AddDropInVisits(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AssessorVisitService>();
        builder.Services.AddScoped<SamplingConsentService>();
        return builder;
    }
}
