using DropIn.Domain.Appointments;
using DropIn.Domain.Calendar;
using DropIn.Web.Data;
using DropIn.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Features.Appointments;

/// <summary>
/// Work the appointment jobs do by scanning the database: reminders that are due and not yet queued, and holds
/// past their time. A reminder is queued in the same transaction that marks it, so it goes exactly once, and one
/// that fell due while the app was down goes as soon as it is back (if the appointment is still ahead). Who gets one
/// is <see cref="AppointmentReminder.IsDue"/>: not a student who confirmed inside the window.
/// </summary>
public sealed class AppointmentReminders(IDbContextFactory<DropInDbContext> dbFactory, AppointmentEmails emails, ILiveUpdates live, TimeProvider clock, IOptions<AppointmentOptions> options)
{
    /// <returns>How many reminders were queued.</returns>
    public async Task<int> QueueDueRemindersAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var before = TimeSpan.FromHours(options.Value.ReminderHoursBefore);
        var horizon = now + before;
        var inWindow = await db.Appointments
            .Where(a => a.Status == AppointmentStatus.Confirmed && a.ReminderQueuedAt == null && a.Start > now && a.Start <= horizon)
            .ToListAsync(ct);
        var due = inWindow.Where(a => AppointmentReminder.IsDue(a, now, before)).ToList();
        foreach (var appointment in due)
        {
            appointment.QueueReminder(now);
            db.Outbox.Add(emails.Reminder(appointment, token: null));
        }

        await db.SaveChangesAsync(ct);
        return due.Count;
    }

    /// <returns>How many holds were released.</returns>
    public async Task<int> ExpireHoldsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var stale = await db.Appointments
            .Where(a => a.Status == AppointmentStatus.PendingConfirmation && a.HoldExpiresAt < now)
            .ToListAsync(ct);
        stale.ForEach(a => a.Expire(now));
        await db.SaveChangesAsync(ct);
        foreach (var date in stale.Select(a => LondonTime.Today(a.Start)).Distinct())
        {
            await live.PublishAsync(new DiaryChanged(date));
        }

        return stale.Count;
    }
}
