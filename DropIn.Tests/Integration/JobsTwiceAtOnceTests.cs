using System.Globalization;
using System.Security.Claims;
using DropIn.Domain.Appointments;
using DropIn.Domain.Cases;
using DropIn.Domain.Enquiries;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Features.Appointments;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Complaints;
using DropIn.Web.Features.Enquiries;
using DropIn.Web.Features.Students;
using DropIn.Web.Messaging;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

/// <summary>
/// Each job's work run twice at the same moment, as two app servers sharing one database could (a clustered scheduler
/// runs each firing once, but a job must not depend on it): against the real SQLite file, both runs read what is due
/// before either writes (<see cref="SavesMeet"/>), and every email, reminder and notification still goes exactly once,
/// with neither run failing.
/// </summary>
public sealed class JobsTwiceAtOnceTests
{
    private readonly SavesMeet _meet = new();

    private AppFactory App(FakeTimeProvider clock, IDictionary<string, string?>? settings = null) =>
        new(clock: clock, settings: settings, services: s => s.ConfigureDbContext<DropInDbContext>(o => o.AddInterceptors(_meet), ServiceLifetime.Singleton));

    [Fact]
    public async Task Outbox_TwoDispatchersAtOnce_SendEveryMessageExactlyOnce()
    {
        var clock = London.Clock(2026, 11, 23, 9, 0);
        var port = AppFactory.FreePort();
        await using var smtp = new TestSmtpServer(port);
        await using var app = App(clock, new Dictionary<string, string?>
        {
            ["DropIn:Mail:Smtp:Host"] = "127.0.0.1",
            ["DropIn:Mail:Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["DropIn:Mail:Smtp:UseStartTls"] = "false",
        });
        var h = new AppointmentHarness(app);
        await using (var db = await h.DbAsync())
        {
            for (var i = 1; i <= 40; i++)
            {
                db.Outbox.Add(new OutboxMessage($"student{i}@cam.ac.uk", $"Message {i}", "text", "<p>html</p>", null, clock.GetUtcNow()));
            }

            await db.SaveChangesAsync();
        }

        // Two dispatchers, as on two app servers: each its own claimant.
        var first = app.Services.GetRequiredService<OutboxDispatcher>();
        var second = ActivatorUtilities.CreateInstance<OutboxDispatcher>(app.Services);
        var sent = new int[2];
        _meet.Arm();

        var failures = await AtOnce.RunAsync(
            async () => sent[0] = await first.DispatchDueAsync(CancellationToken.None),
            async () => sent[1] = await second.DispatchDueAsync(CancellationToken.None));

        Assert.Equal([null, null], failures);
        var subjects = smtp.Messages.Select(m => m.Split('\n').Single(l => l.StartsWith("Subject: ", StringComparison.Ordinal)).TrimEnd()).ToList();
        Assert.Equal(40, subjects.Count);
        Assert.Equal(40, subjects.Distinct().Count());
        Assert.Equal(40, sent.Sum());
        Assert.All(await h.OutboxAsync(), m => Assert.NotNull(m.SentAt));
    }

    [Fact]
    public async Task CaseDeadlineReminders_TwoRunsAtOnce_RemindOnce()
    {
        var clock = London.Clock(2026, 11, 23, 10, 0); // Monday
        await using var app = App(clock);
        var reception = await app.StaffAsync("Rita Reception", Roles.Reception);
        var sam = await app.StaffAsync("Sam Okafor", Roles.Caseworker);
        var student = await app.UseAsync<StudentService, Student>(s => s.RegisterAsync(reception, new StudentProfile("Aisha Rahman", Email: "ar123@cam.ac.uk")));
        var appeal = await app.UseAsync<DropInDbContext, int>(db => db.CaseCategories.Where(c => c.Name == "Academic appeal").Select(c => c.Id).SingleAsync());
        var opened = await app.UseAsync<CaseService, Case>(c => c.OpenAsync(sam, student.Id, appeal, "Appeal against the Part IB result"));
        await app.UseAsync<CaseWorkService>(w => w.AddDeadlineAsync(sam, opened.Id, "Appeal form", new DateOnly(2026, 11, 30)));
        clock.SetUtcNow(London.At(2026, 11, 26, 9, 0)); // two working days before
        var reminders = app.Services.GetRequiredService<CaseDeadlineReminders>();
        var reminded = new int[2];
        var before = await MailAndNotificationsAsync(app);
        _meet.Arm();

        var failures = await AtOnce.RunAsync(
            async () => reminded[0] = await reminders.RunAsync(CancellationToken.None),
            async () => reminded[1] = await reminders.RunAsync(CancellationToken.None));

        Assert.Equal([null, null], failures);
        Assert.Equal(1, reminded.Sum());
        Assert.Equal((before.Mail + 1, before.Notifications + 1), await MailAndNotificationsAsync(app)); // Sam's, once
    }

    [Fact]
    public async Task ConsentRenewalPrompts_TwoRunsAtOnce_PromptOnce_AndAgainOnlyAfterARenewal()
    {
        var clock = London.Clock(2026, 6, 8, 10, 0); // Monday
        var (app, sam, opened, consent) = await ConsentGivenAsync(clock);
        await using var owned = app;
        Assert.Equal(new DateOnly(2026, 12, 8), consent.ExpiresOn); // the default six months
        var prompts = app.Services.GetRequiredService<ConsentRenewalPrompts>();

        // Ten working days before Tuesday 8 December is Tuesday 24 November; the day before, nothing goes.
        clock.SetUtcNow(London.At(2026, 11, 23, 9, 0));
        Assert.Equal(0, await prompts.RunAsync(CancellationToken.None));
        clock.SetUtcNow(London.At(2026, 11, 24, 9, 0));
        var prompted = new int[2];
        var before = await MailAndNotificationsAsync(app);
        _meet.Arm();

        var failures = await AtOnce.RunAsync(
            async () => prompted[0] = await prompts.RunAsync(CancellationToken.None),
            async () => prompted[1] = await prompts.RunAsync(CancellationToken.None));

        Assert.Equal([null, null], failures);
        Assert.Equal(1, prompted.Sum());
        Assert.Equal((before.Mail + 1, before.Notifications + 1), await MailAndNotificationsAsync(app)); // Sam's, once
        await using (var db = await new AppointmentHarness(app).DbAsync())
        {
            var mail = await db.Outbox.OrderBy(m => m.CreatedAt).LastAsync();
            Assert.Equal($"Case {opened.Reference}: consent to renew", mail.Subject);
            Assert.DoesNotContain("Senior Tutor", mail.TextBody, StringComparison.Ordinal);
        }

        clock.SetUtcNow(London.At(2026, 11, 25, 9, 0));
        Assert.Equal(0, await prompts.RunAsync(CancellationToken.None));
        await app.UseAsync<CaseWorkService>(w => w.RenewConsentAsync(sam, opened.Id, consent.Id, new DateOnly(2026, 11, 25), ConsentGivenBy.Phone));
        clock.SetUtcNow(London.At(2027, 5, 10, 9, 0)); // renewed until Tuesday 25 May 2027: due from Tuesday 11 May
        Assert.Equal(0, await prompts.RunAsync(CancellationToken.None));
        clock.SetUtcNow(London.At(2027, 5, 11, 9, 0));
        Assert.Equal(1, await prompts.RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ConsentRenewalPrompt_AndARenewalAtOnce_NeitherFails_AndTheRenewalStands_PromptedAgainOnlyBeforeItsNewExpiry()
    {
        var clock = London.Clock(2026, 6, 8, 10, 0); // Monday
        var (app, sam, opened, consent) = await ConsentGivenAsync(clock);
        await using var owned = app;
        var prompts = app.Services.GetRequiredService<ConsentRenewalPrompts>();

        // Tuesday 24 November, the prompt's first day: Sam renews with the student on the phone as the job runs.
        clock.SetUtcNow(London.At(2026, 11, 24, 9, 0));
        _meet.Arm();
        var failures = await AtOnce.RunAsync(
            () => prompts.RunAsync(CancellationToken.None),
            () => app.UseAsync<CaseWorkService>(w => w.RenewConsentAsync(sam, opened.Id, consent.Id, new DateOnly(2026, 11, 24), ConsentGivenBy.Phone)));

        Assert.Equal([null, null], failures);
        await using (var db = await new AppointmentHarness(app).DbAsync())
        {
            var renewed = await db.Consents.SingleAsync(x => x.Id == consent.Id);
            Assert.Equal((new DateOnly(2026, 11, 24), new DateOnly(2027, 5, 24)), (renewed.RenewedOn, renewed.ExpiresOn));
        }

        // Whichever saved first, the renewed consent is not left marked as prompted: its own prompt still comes, on
        // the tenth working day before Monday 24 May 2027 (Monday 10 May), and not before.
        clock.SetUtcNow(London.At(2027, 5, 7, 9, 0));
        Assert.Equal(0, await prompts.RunAsync(CancellationToken.None));
        clock.SetUtcNow(London.At(2027, 5, 10, 9, 0));
        Assert.Equal(1, await prompts.RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AWithdrawalAndARenewalAtOnce_TheWithdrawalStands_AndTheRenewalIsRefusedInWordsIfItCameSecond()
    {
        var clock = London.Clock(2026, 6, 8, 10, 0); // Monday
        var (app, sam, opened, consent) = await ConsentGivenAsync(clock);
        await using var owned = app;
        clock.SetUtcNow(London.At(2026, 11, 24, 10, 0));

        // On two tablets at once: the student's withdrawal is recorded as a renewal agreed earlier on the phone is.
        _meet.Arm();
        var failures = await AtOnce.RunAsync(
            () => app.UseAsync<CaseWorkService>(w => w.WithdrawConsentAsync(sam, opened.Id, consent.Id)),
            () => app.UseAsync<CaseWorkService>(w => w.RenewConsentAsync(sam, opened.Id, consent.Id, new DateOnly(2026, 11, 24), ConsentGivenBy.Phone)));

        Assert.Null(failures[0]);
        if (failures[1] is not null)
        {
            Assert.Equal("The consent to share with Senior Tutor was withdrawn: record new consent instead.", Assert.IsType<DropIn.Domain.RuleException>(failures[1]).Message);
        }

        await using var db = await new AppointmentHarness(app).DbAsync();
        Assert.NotNull((await db.Consents.SingleAsync(x => x.Id == consent.Id)).WithdrawnAt);
    }

    [Fact]
    public async Task FollowUpPrompts_TwoRunsAtOnce_PromptOnce()
    {
        var clock = London.Clock(2026, 11, 23, 10, 0); // Monday
        var (app, _, opened, _) = await ConsentGivenAsync(clock);
        await using var owned = app;
        clock.SetUtcNow(London.At(2026, 12, 21, 9, 0)); // twenty working days with no contact since it was opened
        var followUps = app.Services.GetRequiredService<CaseFollowUps>();
        var prompted = new int[2];
        var before = await MailAndNotificationsAsync(app);
        _meet.Arm();

        var failures = await AtOnce.RunAsync(
            async () => prompted[0] = await followUps.RunAsync(CancellationToken.None),
            async () => prompted[1] = await followUps.RunAsync(CancellationToken.None));

        Assert.Equal([null, null], failures);
        Assert.Equal(1, prompted.Sum());
        Assert.Equal((before.Mail + 1, before.Notifications + 1), await MailAndNotificationsAsync(app)); // Sam's, once
        Assert.Equal(0, await followUps.RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task FollowUpPrompt_AndSettingAFollowUpDateAtOnce_NeitherFails_AndTheDateStands()
    {
        var clock = London.Clock(2026, 11, 23, 10, 0); // Monday
        var (app, sam, opened, _) = await ConsentGivenAsync(clock);
        await using var owned = app;
        clock.SetUtcNow(London.At(2026, 12, 21, 9, 0));
        var followUps = app.Services.GetRequiredService<CaseFollowUps>();

        // Sam sets a follow-up date for after Christmas as the prompt for the quiet case goes.
        _meet.Arm();
        var failures = await AtOnce.RunAsync(
            () => followUps.RunAsync(CancellationToken.None),
            () => app.UseAsync<CaseWorkService>(w => w.SetFollowUpAsync(sam, opened.Id, new DateOnly(2027, 1, 4))));

        Assert.Equal([null, null], failures);
        var file = await app.UseAsync<CaseService, CaseFile>(c => c.GetAsync(sam, opened.Id));
        Assert.Equal((new DateOnly(2027, 1, 4), new DateOnly(2027, 1, 4), true), (file.Case.FollowUpOn, file.FollowUp!.DueOn, file.FollowUp.DateSet));

        // Whichever saved first, the date set has its own prompt, on the day.
        clock.SetUtcNow(London.At(2026, 12, 31, 9, 0));
        Assert.Equal(0, await followUps.RunAsync(CancellationToken.None));
        clock.SetUtcNow(London.At(2027, 1, 4, 9, 0));
        Assert.Equal(1, await followUps.RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task EnquirySlaReminders_TwoRunsAtOnce_RemindOnce_AndNeitherFails()
    {
        var clock = London.Clock(2026, 11, 23, 10, 0); // Monday: target Wednesday 17:00
        await using var app = App(clock);
        var reception = await app.StaffAsync("Rita Reception", Roles.Reception);
        var sam = await app.StaffAsync("Sam Okafor", Roles.Caseworker);
        await app.StaffAsync("Morgan Manager", Roles.Manager);
        await app.UseAsync<EnquiryService, Enquiry>(s => s.RecordAsync(reception, EnquiryChannel.Phone, clock.GetUtcNow(), "Ada Lovelace", "07700 900123",
            "Voicemail about an appeal deadline", sam.FindFirstValue(ClaimTypes.NameIdentifier)));
        clock.SetUtcNow(London.At(2026, 11, 25, 9, 1)); // Wednesday morning: due today
        var reminders = app.Services.GetRequiredService<EnquiryReminders>();
        var reminded = new int[2];
        var before = await MailAndNotificationsAsync(app);
        _meet.Arm();

        var failures = await AtOnce.RunAsync(
            async () => reminded[0] = await reminders.RunAsync(CancellationToken.None),
            async () => reminded[1] = await reminders.RunAsync(CancellationToken.None));

        Assert.Equal([null, null], failures);
        Assert.Equal(1, reminded.Sum());
        Assert.Equal((before.Mail + 1, before.Notifications + 1), await MailAndNotificationsAsync(app)); // Sam's "due today", once
    }

    [Fact]
    public async Task AppointmentJob_TwoRunsAtOnce_ExpireEachHoldAndQueueEachReminderOnce_AndNeitherFails()
    {
        var clock = London.Clock(2026, 11, 23, 9, 0);
        var wednesdayTen = London.At(2026, 11, 25, 10, 0);
        await using var app = App(clock);
        var h = new AppointmentHarness(app);
        await h.CaseworkerAsync("Sam Okafor", new TimeOnly(10, 0), new TimeOnly(12, 0));
        await h.StudentAsync(s => s.RequestAsync(wednesdayTen, AppointmentHarness.Booking()));
        await h.StudentAsync(async s => await s.ConfirmAsync(await h.TokenFromEmailAsync("al123@cam.ac.uk")));
        clock.SetUtcNow(London.At(2026, 11, 24, 10, 0)); // a day before Ada's: her reminder is due
        await h.StudentAsync(s => s.RequestAsync(wednesdayTen.AddHours(1), AppointmentHarness.Booking("Grace Hopper", "gh1@cam.ac.uk")));
        clock.Advance(TimeSpan.FromHours(1)); // Grace never confirmed: her hold has run out
        var reminders = app.Services.GetRequiredService<AppointmentReminders>();
        var expired = new int[2];
        var queued = new int[2];

        _meet.Arm();
        var expiring = await AtOnce.RunAsync(
            async () => expired[0] = await reminders.ExpireHoldsAsync(CancellationToken.None),
            async () => expired[1] = await reminders.ExpireHoldsAsync(CancellationToken.None));
        _meet.Arm();
        var reminding = await AtOnce.RunAsync(
            async () => queued[0] = await reminders.QueueDueRemindersAsync(CancellationToken.None),
            async () => queued[1] = await reminders.QueueDueRemindersAsync(CancellationToken.None));

        Assert.Equal([null, null, null, null], expiring.Concat(reminding));
        Assert.Equal((1, 1), (expired.Sum(), queued.Sum()));
        Assert.Equal(AppointmentStatus.Expired, (await h.AppointmentsAsync()).Single(a => a.StudentEmail == "gh1@cam.ac.uk").Status);
        Assert.Single(await h.OutboxAsync(), m => m.Subject.StartsWith("Reminder", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ComplaintReminders_TwoRunsAtOnce_RemindOnce()
    {
        var clock = London.Clock(2026, 11, 23, 10, 0); // Monday: acknowledge by Monday 30 November
        await using var app = App(clock);
        var morgan = await app.StaffAsync("Morgan Manager", Roles.Manager);
        var complaint = await app.UseAsync<ComplaintService, DropIn.Domain.Complaints.Complaint>(s => s.RecordAsync(morgan, EnquiryChannel.Phone, clock.GetUtcNow(),
            "Ada Lovelace", null, "Nobody called back.", aboutStaffId: null, caseReference: null));
        var reminders = app.Services.GetRequiredService<ComplaintReminders>();
        clock.SetUtcNow(London.At(2026, 11, 30, 9, 0));
        var sent = new int[2];
        _meet.Arm();

        var failures = await AtOnce.RunAsync(
            async () => sent[0] = await reminders.RunAsync(CancellationToken.None),
            async () => sent[1] = await reminders.RunAsync(CancellationToken.None));

        Assert.Equal([null, null], failures);
        Assert.Equal(1, sent.Sum());
        Assert.Equal((1, 1), await MailAndNotificationsAsync(app)); // Morgan's, once: no handler yet, so the managers
        Assert.Equal(0, await reminders.RunAsync(CancellationToken.None));
        Assert.NotNull(complaint);
    }

    /// <summary>An app on <paramref name="clock"/> with Sam's open case whose student consents, today, to sharing with their Senior Tutor.</summary>
    private async Task<(AppFactory App, ClaimsPrincipal Sam, Case Opened, Consent Consent)> ConsentGivenAsync(FakeTimeProvider clock)
    {
        var app = App(clock);
        var reception = await app.StaffAsync("Rita Reception", Roles.Reception);
        var sam = await app.StaffAsync("Sam Okafor", Roles.Caseworker);
        var student = await app.UseAsync<StudentService, Student>(s => s.RegisterAsync(reception, new StudentProfile("Aisha Rahman", Email: "ar123@cam.ac.uk")));
        var appeal = await app.UseAsync<DropInDbContext, int>(db => db.CaseCategories.Where(c => c.Name == "Academic appeal").Select(c => c.Id).SingleAsync());
        var opened = await app.UseAsync<CaseService, Case>(c => c.OpenAsync(sam, student.Id, appeal, "Appeal against the Part IB result"));
        var consent = await app.UseAsync<CaseWorkService, Consent>(w => w.RecordConsentAsync(sam, opened.Id, "Senior Tutor", "The grounds", "A letter of support", DropIn.Domain.Calendar.LondonTime.Today(clock.GetUtcNow()), ConsentGivenBy.InPerson));
        return (app, sam, opened, consent);
    }

    private static async Task<(int Mail, int Notifications)> MailAndNotificationsAsync(AppFactory app)
    {
        await using var db = await new AppointmentHarness(app).DbAsync();
        return (await db.Outbox.CountAsync(), await db.Notifications.CountAsync());
    }
}
