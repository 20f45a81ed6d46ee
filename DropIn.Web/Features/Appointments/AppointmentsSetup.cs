namespace DropIn.Web.Features.Appointments;

public static class AppointmentsSetup
{
    public static WebApplicationBuilder AddDropInAppointments(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AppointmentOptions>().BindConfiguration(AppointmentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<Availability>();
        builder.Services.AddSingleton<AppointmentEmails>();
        builder.Services.AddSingleton<AppointmentReminders>();
        builder.Services.AddScoped<StudentBookingService>();
        builder.Services.AddScoped<DiaryService>();
        return builder;
    }
}
