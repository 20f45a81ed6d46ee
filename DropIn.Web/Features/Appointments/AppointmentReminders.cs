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
/// is <see cref="AppointmentReminder.IsDue"/>: not a student who confirmed inside the window. Two runs at once (two
/// servers) cannot both act: the appointment's version refuses the second save, which is re-applied and finds the
/// work done.
/// </summary>
public sealed class AppointmentReminders(DataChanges changes, AppointmentEmails emails, IOptions<AppointmentOptions> options)
{
    /// <returns>How many reminders were queued.</returns>
    public Task<int> QueueDueRemindersAsync(CancellationToken ct) => changes.RunAsync(ChangeOptions.JobRun(), c => QueueAsync(c, ct), ct);

    /// <returns>How many holds were released.</returns>
    public Task<int> ExpireHoldsAsync(CancellationToken ct) => changes.RunAsync(ChangeOptions.JobRun(), c => ExpireAsync(c, ct), ct);

    private async Task<int> QueueAsync(ChangeScope c, CancellationToken ct)
    {
        var (db, now) = (c.Db, c.Now);
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

        return due.Count;
    }

    private static async Task<int> ExpireAsync(ChangeScope c, CancellationToken ct)
    {
        var stale = await c.Db.Appointments
            .Where(a => a.Status == AppointmentStatus.PendingConfirmation && a.HoldExpiresAt < c.Now)
            .ToListAsync(ct);
        stale.ForEach(a => a.Expire(c.Now));
        foreach (var date in stale.Select(a => LondonTime.Today(a.Start)).Distinct())
        {
            c.Publish(new DiaryChanged(date));
        }

        return stale.Count;
    }
}
