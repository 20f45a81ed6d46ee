using System.Threading.RateLimiting;
using DropIn.Web.Features.Appointments.Availability;
using DropIn.Web.Features.Appointments.Booking;
using DropIn.Web.Features.Appointments.Diary;

namespace DropIn.Web.Features.Appointments;

public static class AppointmentsSetup
{
    public static WebApplicationBuilder AddDropInAppointments(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AppointmentOptions>().BindConfiguration(AppointmentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SlotFinder>();
        builder.Services.AddSingleton<AppointmentEmails>();
        builder.Services.AddSingleton<AppointmentReminders>();
        builder.Services.AddScoped<StudentBookingService>();
        builder.Services.AddScoped<DiaryService>();
        builder.Services.AddScoped<AvailabilityAdminService>();

        // Public booking pages take no sign-in, so each address gets a modest allowance of requests per minute.
        var perMinute = builder.Configuration.GetValue("DropIn:Appointments:PublicRequestsPerMinute", 30);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(BookingLinks.RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) }));
        });
        return builder;
    }
}
