namespace DropIn.Web.Features.Students;

public static class StudentsSetup
{
    /// <summary>Student records (registration, details, merging duplicates) and equal-opportunities monitoring.</summary>
    public static WebApplicationBuilder AddDropInStudents(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<StudentService>();
        builder.Services.AddScoped<MonitoringService>();
        return builder;
    }
}
