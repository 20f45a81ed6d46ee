using System.Security.Claims;
using DropIn.Domain.Appointments;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Appointments;
using DropIn.Web.Features.Appointments.Booking;
using DropIn.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

/// <summary>
/// The 24-hour reminder is for an appointment confirmed before its window opened: the job runs every minute on a fake
/// clock; booked just now inside the window, the confirmation is the reminder. Across weekends, bank holidays and the
/// changes between GMT and BST (Europe/London), the window opens exactly 24 elapsed hours before.
/// </summary>
public sealed class ReminderWindowTests
{
    private static DateTimeOffset At(string london) => London.At(london);

    /// <param name="requested">When the student asks for the time (London); they confirm a minute later.</param>
    /// <param name="start">The appointment (London).</param>
    /// <param name="remindAt">The minute the reminder is queued (London), or null for none.</param>
    [Theory]
    // The case: 00:07 for 11:00 the same day. Confirmed inside the window: no reminder.
    [InlineData("2026-11-23 00:07", "2026-11-23 11:00", null)]
    // Booked on Friday afternoon for Monday: the reminder goes on Sunday at 11:00.
    [InlineData("2026-11-27 16:00", "2026-11-30 11:00", "2026-11-29 11:00")]
    // Over Easter (Good Friday 3 April, Easter Monday 6 April 2026): on the bank holiday, 24 hours before.
    [InlineData("2026-04-02 15:00", "2026-04-07 11:00", "2026-04-06 11:00")]
    // Clocks go forward on Sunday 29 March 2026: 10:00 BST Monday less 24 hours is 10:00 BST Sunday (09:00 UTC).
    [InlineData("2026-03-27 12:00", "2026-03-30 10:00", "2026-03-29 10:00")]
    [InlineData("2026-03-30 00:07", "2026-03-30 11:00", null)]
    // Clocks go back on Sunday 25 October 2026: 10:00 GMT Monday less 24 hours is 10:00 GMT Sunday.
    [InlineData("2026-10-23 12:00", "2026-10-26 10:00", "2026-10-25 10:00")]
    // Asked for on Sunday after the window opened (11:00 Sunday for 11:00 Monday): no reminder.
    [InlineData("2026-10-25 12:00", "2026-10-26 11:00", null)]
    public async Task Reminder_OnlyForWhatWasConfirmedBeforeItsWindowOpened(string requested, string start, string? remindAt)
    {
        var clock = new FakeTimeProvider(At(requested));
        await using var app = new AppFactory(clock: clock);
        var h = new AppointmentHarness(app);
        await h.CaseworkerAsync("Sam Okafor", new TimeOnly(9, 0), new TimeOnly(17, 0));
        var booked = await h.StudentAsync(s => s.RequestAsync(At(start), AppointmentHarness.Booking()));
        Assert.IsType<BookingResult.CheckEmail>(booked);
        clock.Advance(TimeSpan.FromMinutes(1));
        await h.StudentAsync(async s => await s.ConfirmAsync(await h.TokenFromEmailAsync("al123@cam.ac.uk")));
        var reminders = app.Services.GetRequiredService<AppointmentReminders>();

        // The job, every minute from the confirmation to the start, at the moments that matter.
        var checks = new SortedSet<DateTimeOffset> { clock.GetUtcNow().AddSeconds(45), clock.GetUtcNow().AddMinutes(1), At(start).AddMinutes(-1) };
        if (remindAt is not null)
        {
            checks.UnionWith([At(remindAt).AddMinutes(-1), At(remindAt), At(remindAt).AddMinutes(1)]);
        }

        var queued = new List<DateTimeOffset>();
        foreach (var moment in checks)
        {
            clock.SetUtcNow(moment);
            if (await reminders.QueueDueRemindersAsync(CancellationToken.None) > 0)
            {
                queued.Add(moment);
            }
        }

        DateTimeOffset[] expected = remindAt is null ? [] : [At(remindAt)];
        Assert.Equal(expected, queued);
        Assert.Equal(remindAt is null ? 0 : 1, (await h.OutboxAsync()).Count(m => m.Subject.StartsWith("Reminder", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Reminder_AfterAMoveInsideTheWindow_NoneForTheMovedTime_ButOneForAMoveMadeBeforeItsWindow()
    {
        var clock = London.Clock(2026, 11, 23, 9, 0);
        await using var app = new AppFactory(clock: clock);
        var h = new AppointmentHarness(app);
        var sam = (await h.CaseworkerAsync("Sam Okafor", new TimeOnly(9, 0), new TimeOnly(17, 0))).FindFirstValue(ClaimTypes.NameIdentifier)!;
        var reception = await app.StaffAsync("Rita Reception", Roles.Reception);
        var friday = London.At(2026, 11, 27, 11, 0);
        var ada = await h.DiaryAsync(d => d.BookAsync(reception, new Slot(sam, friday, friday.AddMinutes(45)), AppointmentHarness.Booking()));
        var grace = await h.DiaryAsync(d => d.BookAsync(reception, new Slot(sam, friday.AddHours(2), friday.AddHours(2).AddMinutes(45)), AppointmentHarness.Booking("Grace Hopper", "gh1@cam.ac.uk")));
        var reminders = app.Services.GetRequiredService<AppointmentReminders>();

        // Wednesday 12:00: Ada's moves to Thursday 11:00, whose window opened an hour ago; Grace's to Thursday 15:00, whose window opens at 15:00 today.
        clock.SetUtcNow(London.At(2026, 11, 25, 12, 0));
        await h.DiaryAsync(d => d.MoveAsync(reception, ada.Id, new Slot(ada.StaffId, London.At(2026, 11, 26, 11, 0), London.At(2026, 11, 26, 11, 45))));
        await h.DiaryAsync(d => d.MoveAsync(reception, grace.Id, new Slot(grace.StaffId, London.At(2026, 11, 26, 15, 0), London.At(2026, 11, 26, 15, 45))));
        clock.Advance(TimeSpan.FromMinutes(1));
        var afterMove = await reminders.QueueDueRemindersAsync(CancellationToken.None);
        clock.SetUtcNow(London.At(2026, 11, 25, 15, 0));
        var atGracesWindow = await reminders.QueueDueRemindersAsync(CancellationToken.None);

        Assert.Equal(0, afterMove);
        Assert.Equal(1, atGracesWindow);
        var sent = (await h.OutboxAsync()).Where(m => m.Subject.StartsWith("Reminder", StringComparison.Ordinal)).ToList();
        Assert.Equal("gh1@cam.ac.uk", Assert.Single(sent).To);
    }
}
