using DropIn.Domain.Appointments;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Appointments;
using DropIn.Web.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

public sealed class MailAndReminderTests
{
    private static readonly DateTimeOffset WednesdayTen = London.At(2026, 11, 25, 10, 0);

    [Fact]
    public async Task Outbox_SmtpServerDown_KeepsTheMessageAndRetriesWithBackOff_ThenDelivers()
    {
        var clock = London.Clock(2026, 11, 23, 9, 0);
        var port = AppFactory.FreePort();
        await using var app = new AppFactory(clock: clock, settings: new Dictionary<string, string?>
        {
            ["DropIn:Mail:Smtp:Host"] = "127.0.0.1",
            ["DropIn:Mail:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DropIn:Mail:Smtp:UseStartTls"] = "false",
        });
        var h = new AppointmentHarness(app);
        await h.CaseworkerAsync("Sam Okafor", new TimeOnly(10, 0), new TimeOnly(12, 0));
        await h.StudentAsync(s => s.RequestAsync(WednesdayTen, AppointmentHarness.Booking()));
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();

        var sentWhileDown = await dispatcher.DispatchDueAsync(CancellationToken.None);
        var afterFirstFailure = Assert.Single(await h.OutboxAsync());
        var notYetDue = await dispatcher.DispatchDueAsync(CancellationToken.None);
        await using var smtp = new TestSmtpServer(port);
        clock.Advance(TimeSpan.FromMinutes(1));
        var sentWhenBack = await dispatcher.DispatchDueAsync(CancellationToken.None);

        Assert.Equal(0, sentWhileDown);
        Assert.Equal(1, afterFirstFailure.Attempts);
        Assert.Null(afterFirstFailure.SentAt);
        Assert.NotNull(afterFirstFailure.LastError);
        Assert.Equal(clock.GetUtcNow(), afterFirstFailure.NextAttemptAt);
        Assert.Equal(0, notYetDue);
        Assert.Equal(1, sentWhenBack);
        var delivered = Assert.Single(smtp.Messages);
        Assert.Contains("Subject: Please confirm your appointment request", delivered);
        Assert.NotNull(Assert.Single(await h.OutboxAsync()).SentAt);
    }

    [Fact]
    public async Task Outbox_Default_WritesEmlFilesToThePickupFolder()
    {
        var clock = London.Clock(2026, 11, 23, 9, 0);
        await using var app = new AppFactory(clock: clock);
        var h = new AppointmentHarness(app);
        await h.CaseworkerAsync("Sam Okafor", new TimeOnly(10, 0), new TimeOnly(12, 0));
        await h.StudentAsync(s => s.RequestAsync(WednesdayTen, AppointmentHarness.Booking()));

        await app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(Path.Combine(app.DataFolder, "mail-pickup"), "*.eml"));
        Assert.Contains("To: al123@cam.ac.uk", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task Outbox_AMessageClaimedByAServerThatDied_IsSentOnceTheClaimRunsOut()
    {
        var clock = London.Clock(2026, 11, 23, 9, 0);
        await using var app = new AppFactory(clock: clock);
        var h = new AppointmentHarness(app);
        await using (var db = await h.DbAsync())
        {
            db.Outbox.Add(new OutboxMessage("al123@cam.ac.uk", "Your appointment", "text", "<p>html</p>", null, clock.GetUtcNow()));
            await db.SaveChangesAsync();
            // What a server leaves behind when it dies between claiming a message and sending it.
            var until = clock.GetUtcNow() + OutboxDispatcher.ClaimLease;
            await db.Outbox.ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntil, until).SetProperty(m => m.ClaimedBy, "server-that-died"));
        }

        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        var whileClaimed = await dispatcher.DispatchDueAsync(CancellationToken.None);
        clock.Advance(OutboxDispatcher.ClaimLease + TimeSpan.FromSeconds(1));
        var afterTheClaim = await dispatcher.DispatchDueAsync(CancellationToken.None);
        var again = await dispatcher.DispatchDueAsync(CancellationToken.None);

        Assert.Equal((0, 1, 0), (whileClaimed, afterTheClaim, again));
        Assert.Single(Directory.GetFiles(Path.Combine(app.DataFolder, "mail-pickup"), "*.eml"));
        Assert.NotNull(Assert.Single(await h.OutboxAsync()).SentAt);
    }

    [Fact]
    public async Task Reminder_DueDayBefore_QueuedExactlyOnce_AndCaughtUpAfterARestartThatSpannedIt()
    {
        var folder = TempFolder.Create();
        var clock = London.Clock(2026, 11, 23, 9, 0);
        await using (var before = new AppFactory(folder, clock))
        {
            var h = new AppointmentHarness(before);
            await h.CaseworkerAsync("Sam Okafor", new TimeOnly(10, 0), new TimeOnly(12, 0));
            await h.StudentAsync(s => s.RequestAsync(WednesdayTen, AppointmentHarness.Booking()));
            await h.StudentAsync(async s => await s.ConfirmAsync(await h.TokenFromEmailAsync("al123@cam.ac.uk")));
            Assert.Equal(0, await before.Services.GetRequiredService<AppointmentReminders>().QueueDueRemindersAsync(CancellationToken.None));
        }

        // Down from Monday 09:00 until Tuesday 11:00: the reminder fell due at Tuesday 10:00.
        clock.SetUtcNow(London.At(2026, 11, 24, 11, 0));
        await using var after = new AppFactory(folder, clock);
        var reminders = after.Services.GetRequiredService<AppointmentReminders>();

        var first = await reminders.QueueDueRemindersAsync(CancellationToken.None);
        var again = await reminders.QueueDueRemindersAsync(CancellationToken.None);

        Assert.Equal(1, first);
        Assert.Equal(0, again);
        var outbox = await new AppointmentHarness(after).OutboxAsync();
        Assert.Single(outbox, m => m.Subject == "Reminder: your appointment on Wednesday 25 November at 10:00");
    }

    [Fact]
    public async Task Reminder_NotBeforeItIsDue_NorForCancelledAppointments()
    {
        var clock = London.Clock(2026, 11, 23, 9, 0);
        await using var app = new AppFactory(clock: clock);
        var h = new AppointmentHarness(app);
        await h.CaseworkerAsync("Sam Okafor", new TimeOnly(10, 0), new TimeOnly(12, 0));
        var staff = await app.StaffAsync("Rita Reception", DropIn.Web.Security.Roles.Reception);
        var samId = await SamIdAsync(h);
        var kept = await h.DiaryAsync(d => d.BookAsync(staff, new Slot(samId, WednesdayTen, WednesdayTen.AddMinutes(45)), AppointmentHarness.Booking()));
        var cancelled = await h.DiaryAsync(d => d.BookAsync(staff, new Slot(kept.StaffId, WednesdayTen.AddHours(1), WednesdayTen.AddHours(1).AddMinutes(45)), AppointmentHarness.Booking("Grace Hopper", "gh1@cam.ac.uk")));
        await h.DiaryAsync(d => d.CancelAsync(staff, cancelled.Id, "Student rang to cancel"));
        var reminders = app.Services.GetRequiredService<AppointmentReminders>();

        clock.SetUtcNow(London.At(2026, 11, 24, 9, 59));
        var early = await reminders.QueueDueRemindersAsync(CancellationToken.None);
        clock.SetUtcNow(London.At(2026, 11, 24, 11, 30));
        var due = await reminders.QueueDueRemindersAsync(CancellationToken.None);

        Assert.Equal(0, early);
        Assert.Equal(1, due);
        Assert.DoesNotContain(await h.OutboxAsync(), m => m.To == "gh1@cam.ac.uk" && m.Subject.StartsWith("Reminder", StringComparison.Ordinal));
    }

    private static async Task<string> SamIdAsync(AppointmentHarness h)
    {
        await using var db = await h.DbAsync();
        return await db.Users.Where(u => u.DisplayName == "Sam Okafor").Select(u => u.Id).SingleAsync();
    }
}
