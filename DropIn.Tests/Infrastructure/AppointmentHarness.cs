using System.Security.Claims;
using System.Text.RegularExpressions;
using DropIn.Domain.Appointments;
using DropIn.Web.Data;
using DropIn.Web.Features.Appointments;
using DropIn.Web.Features.Appointments.Booking;
using DropIn.Web.Features.Appointments.Diary;
using DropIn.Web.Messaging;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DropIn.Tests.Infrastructure;

/// <summary>Caseworkers with availability, and the booking services as a student and as staff use them.</summary>
public sealed partial class AppointmentHarness(AppFactory app)
{
    public AppFactory App => app;

    /// <summary>A caseworker who takes appointments in the given London-time window on every weekday.</summary>
    public async Task<ClaimsPrincipal> CaseworkerAsync(string name, TimeOnly from, TimeOnly to, string room = "Advice room 1", bool staffsDropIn = false)
    {
        var principal = await app.StaffAsync(name, Roles.Caseworker);
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier)!;
        await using var db = await DbAsync();
        var user = await db.Users.SingleAsync(u => u.Id == id);
        user.TakesAppointments = true;
        user.StaffsDropIn = staffsDropIn;
        user.Room = room;
        foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
        {
            db.CaseworkerWindows.Add(new CaseworkerWindow(id, day, from, to));
        }

        await db.SaveChangesAsync();
        return principal;
    }

    public Task<DropInDbContext> DbAsync() => app.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync();

    public Task<T> StudentAsync<T>(Func<StudentBookingService, Task<T>> use) => app.UseAsync(use);

    public Task<T> DiaryAsync<T>(Func<DiaryService, Task<T>> use) => app.UseAsync(use);

    public Task DiaryAsync(Func<DiaryService, Task> use) => app.UseAsync(use);

    public static StudentBooking Booking(string name = "Ada Lovelace", string email = "al123@cam.ac.uk", AppointmentKind kind = AppointmentKind.InPerson, string topic = "Academic appeal") =>
        new(name, email, kind == AppointmentKind.Phone ? "07700 900123" : null, topic, kind);

    public async Task<List<OutboxMessage>> OutboxAsync()
    {
        await using var db = await DbAsync();
        return await db.Outbox.AsNoTracking().OrderBy(m => m.CreatedAt).ToListAsync();
    }

    /// <summary>The private token from the newest email to <paramref name="email"/> that carries a link of this kind.</summary>
    public async Task<string> TokenFromEmailAsync(string email, string kind = "confirm")
    {
        var message = (await OutboxAsync()).Last(m => m.To == email && m.TextBody.Contains($"/book/{kind}/", StringComparison.Ordinal));
        return Regex.Match(message.TextBody, $"/book/{kind}/([A-Za-z0-9_-]+)").Groups[1].Value;
    }

    public async Task<List<Appointment>> AppointmentsAsync()
    {
        await using var db = await DbAsync();
        return await db.Appointments.AsNoTracking().OrderBy(a => a.CreatedAt).ToListAsync();
    }
}
