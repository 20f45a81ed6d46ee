using DropIn.Web.Features.Appointments.Availability;
using DropIn.Web.Features.Appointments.Booking;
using DropIn.Web.Features.Appointments.Diary;
using DropIn.Web.Security;

namespace DropIn.Web.Features.Appointments;

public static class AppointmentsSetup
{
    public static WebApplicationBuilder AddDropInAppointments(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AppointmentOptions>().BindConfiguration(AppointmentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SlotFinder>();
        builder.Services.AddSingleton<Booking.FreeTimesAhead>();
        builder.Services.AddSingleton<AppointmentEmails>();
        builder.Services.AddSingleton<AppointmentReminders>();
        builder.Services.AddScoped<StudentBookingService>();
        builder.Services.AddScoped<DiaryService>();
        builder.Services.AddScoped<AvailabilityAdminService>();

        // Public booking pages take no sign-in, so each address gets a modest allowance of requests per minute (shared
        // by every server when Redis is configured).
        var perMinute = builder.Configuration.GetValue("DropIn:Appointments:PublicRequestsPerMinute", 30);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(BookingLinks.RateLimitPolicy, http => ClientRateLimit.PerMinute(http, BookingLinks.RateLimitPolicy, perMinute));
        });
        return builder;
    }
}
