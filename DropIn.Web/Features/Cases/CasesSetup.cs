using DropIn.Web.Features.Students;

namespace DropIn.Web.Features.Cases;

public static class CasesSetup
{
    public static WebApplicationBuilder AddDropInCases(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CaseAccess>();
        builder.Services.AddScoped<StudentService>();
        builder.Services.AddScoped<CaseService>();
        builder.Services.AddScoped<CaseWorkService>();
        builder.Services.AddSingleton<CaseDeadlineReminders>();
        return builder;
    }

    public static WebApplication MapDropInCases(this WebApplication app) => app;
}
