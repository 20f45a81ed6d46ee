using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Complaints;
using DropIn.Domain.Enquiries;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Complaints;
using DropIn.Web.Features.Statistics;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DropIn.Tests.Integration;

/// <summary>
/// The complaints register through its service and the public contact form, on one app (each test records its own
/// complaints and looks only at them): the one complained about neither sees nor handles it, letters reach the
/// complainant through the outbox, and reminders go once.
/// </summary>
public sealed class ComplaintTests(ComplaintTests.Fixture fixture) : IClassFixture<ComplaintTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public SettableClock Clock { get; } = new(London.At(2026, 11, 23, 10, 0)); // Monday
        public AppFactory App { get; private set; } = default!;
        public ClaimsPrincipal Morgan { get; private set; } = default!;
        public ClaimsPrincipal Maxine { get; private set; } = default!;
        public ClaimsPrincipal Sam { get; private set; } = default!;

        public async ValueTask InitializeAsync()
        {
            App = new AppFactory(clock: Clock, settings: new Dictionary<string, string?> { ["DropIn:Appointments:PublicRequestsPerMinute"] = "10000" });
            Morgan = await App.StaffAsync("Morgan Manager", Roles.Manager);
            Maxine = await App.StaffAsync("Maxine Manager", Roles.Manager);
            Sam = await App.StaffAsync("Sam Okafor", Roles.Caseworker);
        }

        public async ValueTask DisposeAsync() => await App.DisposeAsync();
    }

    /// <summary>A clock each test sets to the moment it needs, earlier too: the tests share one app, not one timeline.</summary>
    public sealed class SettableClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void SetUtcNow(DateTimeOffset value) => _now = value;
    }

    private AppFactory App => fixture.App;

    private static string IdOf(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private Task<Complaint> RecordAsync(string contact, ClaimsPrincipal? about = null, DateTimeOffset? received = null) =>
        App.UseAsync<ComplaintService, Complaint>(s => s.RecordAsync(fixture.Morgan, EnquiryChannel.Email, received ?? fixture.Clock.GetUtcNow(), "Ada Lovelace", contact,
            "Nobody called me back before my appeal deadline.", about is null ? null : IdOf(about), caseReference: null));

    private async Task<List<Web.Messaging.OutboxMessage>> MailToAsync(string address)
    {
        await using var db = await new AppointmentHarness(App).DbAsync();
        return [.. (await db.Outbox.AsNoTracking().Where(m => m.To == address).ToListAsync()).OrderBy(m => m.CreatedAt)];
    }

    private async Task<List<(string Staff, string Text)>> NotesAboutAsync(Complaint complaint)
    {
        await using var db = await new AppointmentHarness(App).DbAsync();
        var names = await db.Users.ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        return [.. (await db.Notifications.AsNoTracking().ToListAsync()).Where(n => n.Text.Contains(complaint.Reference, StringComparison.Ordinal))
            .OrderBy(n => n.CreatedAt).Select(n => (names[n.StaffId], n.Text))];
    }

    [Fact]
    public async Task ContactForm_IWantToMakeAComplaint_IsRegistered_WithItsDeadlines_AndSendTwiceIsOne()
    {
        fixture.Clock.SetUtcNow(London.At(2026, 11, 27, 16, 30)); // Friday afternoon
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = "Grace Hopper", ["Input.Email"] = "gh1@cam.ac.uk", ["Input.About"] = "complaint",
            ["Input.Summary"] = "I waited two hours at the drop-in and was then told to come back another day.",
        };
        using var client = StaffBrowserClient.Anonymous(App);

        var first = await (await StaffBrowserClient.PostFormAsync(client, "/contact", "contact", fields)).Content.ReadAsStringAsync();
        var again = await (await StaffBrowserClient.PostFormAsync(client, "/contact", "contact", fields)).Content.ReadAsStringAsync();

        await using var db = await new AppointmentHarness(App).DbAsync();
        var complaints = (await db.Complaints.AsNoTracking().ToListAsync()).Where(c => c.Contact == "gh1@cam.ac.uk").ToList();
        var complaint = Assert.Single(complaints);
        Assert.Equal(EnquiryChannel.WebForm, complaint.Channel);
        Assert.Null(complaint.RecordedBy);
        Assert.Equal(London.At(2026, 12, 4, 17, 0), complaint.AcknowledgeBy); // 5 working days from Friday
        Assert.Equal(London.At(2026, 12, 29, 17, 0), complaint.RespondBy); // 20 working days, over Christmas and Boxing Day's substitute
        Assert.Contains("we have your complaint", first, StringComparison.Ordinal);
        Assert.Contains(complaint.Reference, first, StringComparison.Ordinal);
        Assert.Contains("Friday 4 December", first, StringComparison.Ordinal);
        Assert.Contains(complaint.Reference, again, StringComparison.Ordinal);
        Assert.False(await db.Enquiries.AnyAsync(e => e.Contact == "gh1@cam.ac.uk"));
    }

    [Fact]
    public async Task ContactForm_AnUnknownKindOfMessage_IsRefusedInWords_AndNothingIsRecorded()
    {
        using var client = StaffBrowserClient.Anonymous(App);
        var response = await StaffBrowserClient.PostFormAsync(client, "/contact", "contact", new Dictionary<string, string>
        {
            ["Input.Name"] = "Grace Hopper", ["Input.Email"] = "gh2@cam.ac.uk", ["Input.About"] = "<script>", ["Input.Summary"] = "Something",
        });

        var page = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500);
        Assert.Contains("Choose whether you are asking for advice or making a complaint", page, StringComparison.Ordinal);
        await using var db = await new AppointmentHarness(App).DbAsync();
        Assert.DoesNotContain(await db.Complaints.AsNoTracking().ToListAsync(), c => c.Contact == "gh2@cam.ac.uk");
    }

    [Fact]
    public async Task TheManagerComplainedAbout_NeitherSeesNorHandlesIt_AnotherManagerDoes()
    {
        fixture.Clock.SetUtcNow(London.At(2026, 11, 23, 10, 0));
        var complaint = await RecordAsync("about.maxine@example.com", about: fixture.Maxine);

        var maxinesRegister = await App.UseAsync<ComplaintService, ComplaintRegister>(s => s.RegisterAsync(fixture.Maxine, openOnly: false));
        var morgansRegister = await App.UseAsync<ComplaintService, ComplaintRegister>(s => s.RegisterAsync(fixture.Morgan, openOnly: false));
        var opened = await Assert.ThrowsAsync<ForbiddenException>(() => App.UseAsync<ComplaintService, ComplaintView>(s => s.GetAsync(fixture.Maxine, complaint.Id)));
        var acted = await Assert.ThrowsAsync<ForbiddenException>(() => App.UseAsync<ComplaintService>(s => s.AssignAsync(fixture.Maxine, complaint.Id, IdOf(fixture.Morgan))));
        var handlers = await App.UseAsync<ComplaintService, IReadOnlyList<ComplaintHandler>>(s => s.HandlersAsync(fixture.Morgan, complaint.Id));
        var madeHandler = await Assert.ThrowsAsync<RuleException>(() => App.UseAsync<ComplaintService>(s => s.AssignAsync(fixture.Morgan, complaint.Id, IdOf(fixture.Maxine))));

        Assert.DoesNotContain(maxinesRegister.Rows, r => r.Complaint.Id == complaint.Id);
        Assert.True(maxinesRegister.AboutYou >= 1);
        Assert.Contains(morgansRegister.Rows, r => r.Complaint.Id == complaint.Id && r.Complaint.ComplainantName == "Ada Lovelace");
        Assert.Equal(ComplaintService.AboutYouMessage, opened.Message);
        Assert.Equal(ComplaintService.AboutYouMessage, acted.Message);
        Assert.Equal(["Morgan Manager"], handlers.Select(h => h.Name));
        Assert.Contains("someone else must handle it", madeHandler.Message, StringComparison.Ordinal);
        await using var db = await new AppointmentHarness(App).DbAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "complaint.open" && a.RecordId == complaint.Id.ToString() && a.ActorId == IdOf(fixture.Maxine)));
    }

    [Fact]
    public async Task ACaseworker_IsRefusedTheRegister_AndEveryComplaint()
    {
        var complaint = await RecordAsync("refused@example.com");

        await Assert.ThrowsAsync<ForbiddenException>(() => App.UseAsync<ComplaintService, ComplaintRegister>(s => s.RegisterAsync(fixture.Sam, openOnly: true)));
        await Assert.ThrowsAsync<ForbiddenException>(() => App.UseAsync<ComplaintService, ComplaintView>(s => s.GetAsync(fixture.Sam, complaint.Id)));
        await Assert.ThrowsAsync<ForbiddenException>(() => App.UseAsync<ComplaintService, string>(s => s.AcknowledgeAsync(fixture.Sam, complaint.Id)));
    }

    [Fact]
    public async Task Stage1_Acknowledged_AndAnswered_ByLetterToTheComplainant_ThenStage2GoesToSomeoneElse()
    {
        fixture.Clock.SetUtcNow(London.At(2026, 11, 23, 10, 0));
        var complaint = await RecordAsync("ada.l@example.com");
        await App.UseAsync<ComplaintService>(s => s.AssignAsync(fixture.Morgan, complaint.Id, IdOf(fixture.Morgan)));

        fixture.Clock.SetUtcNow(London.At(2026, 11, 24, 11, 0));
        await App.UseAsync<ComplaintService, string>(s => s.AcknowledgeAsync(fixture.Morgan, complaint.Id));
        var draft = await App.UseAsync<ComplaintService, string>(s => s.ResponseDraftAsync(fixture.Morgan, complaint.Id, ComplaintOutcome.PartlyUpheld));
        var unfinished = await Assert.ThrowsAsync<RuleException>(() => App.UseAsync<ComplaintService>(s => s.RespondAsync(fixture.Morgan, complaint.Id, ComplaintOutcome.PartlyUpheld, draft)));
        var byAnother = await Assert.ThrowsAsync<RuleException>(() => App.UseAsync<ComplaintService>(s => s.RespondAsync(fixture.Maxine, complaint.Id, ComplaintOutcome.PartlyUpheld, "Dear Ada, sorry.")));
        var letter = draft.Replace("[What we looked at and what we found.]", "We listened to the voicemail you left.", StringComparison.Ordinal)
            .Replace("[What we are doing to put it right, and what we are changing.]", "We now call back within a working day.", StringComparison.Ordinal);
        fixture.Clock.SetUtcNow(London.At(2026, 12, 10, 15, 0));
        // The outcome changed after the letter was written: the letter would say one decision and the register another.
        var disagreeing = await Assert.ThrowsAsync<RuleException>(() => App.UseAsync<ComplaintService>(s => s.RespondAsync(fixture.Morgan, complaint.Id, ComplaintOutcome.Upheld, letter)));
        Assert.Contains("The letter says \"Our decision: partly upheld\" but the outcome chosen is upheld", disagreeing.Message, StringComparison.Ordinal);
        await App.UseAsync<ComplaintService>(s => s.RespondAsync(fixture.Morgan, complaint.Id, ComplaintOutcome.PartlyUpheld, letter));

        var mail = await MailToAsync("ada.l@example.com");
        Assert.Equal(2, mail.Count);
        Assert.All(mail, m => Assert.Equal(ComplaintLetters.EmailSubject, m.Subject));
        Assert.Contains(complaint.Reference, mail[0].TextBody, StringComparison.Ordinal);
        Assert.Contains("Monday 21 December 2026", mail[0].TextBody, StringComparison.Ordinal); // the response date promised
        Assert.Contains("We now call back within a working day.", mail[1].TextBody, StringComparison.Ordinal);
        Assert.Contains("partly upheld", mail[1].TextBody, StringComparison.Ordinal);
        Assert.Contains("square brackets", unfinished.Message, StringComparison.Ordinal);
        Assert.Contains("Only the handler", byAnother.Message, StringComparison.Ordinal);

        fixture.Clock.SetUtcNow(London.At(2026, 12, 14, 10, 0));
        await App.UseAsync<ComplaintService>(s => s.EscalateAsync(fixture.Morgan, complaint.Id, requestedOn: null));
        var stageTwo = await App.UseAsync<ComplaintService, ComplaintView>(s => s.GetAsync(fixture.Maxine, complaint.Id));
        var handlers = await App.UseAsync<ComplaintService, IReadOnlyList<ComplaintHandler>>(s => s.HandlersAsync(fixture.Maxine, complaint.Id));
        Assert.Equal(2, stageTwo.Complaint.Stage);
        Assert.Equal("Morgan Manager", stageTwo.StageOneHandler);
        Assert.Equal(ComplaintState.ToAcknowledge, stageTwo.State);
        Assert.Equal(["Maxine Manager"], handlers.Select(h => h.Name));
        await Assert.ThrowsAsync<RuleException>(() => App.UseAsync<ComplaintService>(s => s.AssignAsync(fixture.Maxine, complaint.Id, IdOf(fixture.Morgan))));
    }

    [Fact]
    public async Task Reminders_OnTheDayAndWhenLate_EachOnce_NeverToTheOneComplainedAbout()
    {
        fixture.Clock.SetUtcNow(London.At(2026, 11, 23, 10, 0));
        var complaint = await RecordAsync("late@example.com", about: fixture.Maxine); // acknowledge by Mon 30 Nov, respond by Mon 21 Dec
        await App.UseAsync<ComplaintService>(s => s.AssignAsync(fixture.Morgan, complaint.Id, IdOf(fixture.Morgan)));
        var reminders = App.Services.GetRequiredService<ComplaintReminders>();

        async Task<int> NotesAtAsync(DateTimeOffset at)
        {
            fixture.Clock.SetUtcNow(at);
            await reminders.RunAsync(CancellationToken.None);
            await reminders.RunAsync(CancellationToken.None);
            return (await NotesAboutAsync(complaint)).Count;
        }

        var fridayBefore = await NotesAtAsync(London.At(2026, 11, 27, 10, 0));
        var dueMorning = await NotesAtAsync(London.At(2026, 11, 30, 9, 5));
        var lateEvening = await NotesAtAsync(London.At(2026, 11, 30, 17, 5));
        var answerDay = await NotesAtAsync(London.At(2026, 12, 21, 9, 5));
        var answerLate = await NotesAtAsync(London.At(2026, 12, 21, 17, 5));
        var later = await NotesAtAsync(London.At(2026, 12, 22, 10, 0));

        Assert.Equal([0, 1, 2, 3, 4, 4], new[] { fridayBefore, dueMorning, lateEvening, answerDay, answerLate, later });
        var notes = await NotesAboutAsync(complaint);
        Assert.All(notes, n => Assert.Equal("Morgan Manager", n.Staff)); // the only manager not complained about
        Assert.All(notes, n => Assert.DoesNotContain("Ada", n.Text, StringComparison.Ordinal));
        Assert.StartsWith($"Complaint {complaint.Reference} (stage 1): acknowledge it by", notes[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoRecordedAtOnce_TakeTwoNumbers()
    {
        Complaint? a = null;
        Complaint? b = null;

        var errors = await AtOnce.RunAsync(
            async () => a = await RecordAsync("first@example.com"),
            async () => b = await RecordAsync("second@example.com"));

        Assert.All(errors, Assert.Null);
        Assert.NotEqual(a!.Number, b!.Number);
    }

    [Fact]
    public async Task Statistics_CountComplaintsByOutcome_PerAcademicYear_ThroughDisclosureControl()
    {
        fixture.Clock.SetUtcNow(London.At(2026, 11, 23, 10, 0));
        var period = StatisticsPeriod.AcademicYear(2026);
        for (var i = 0; i < 3; i++)
        {
            await RecordAsync($"stats{i}@example.com");
        }

        var report = await App.UseAsync<StatisticsService, StatisticsReport>(s => s.ReportAsync(fixture.Morgan, period));

        await using var db = await new AppointmentHarness(App).DbAsync();
        var received = (await db.Complaints.AsNoTracking().ToListAsync()).Count(c => c.ReceivedAt >= period.Start && c.ReceivedAt < period.End);
        var section = Assert.Single(report.Sections, s => s.Id == "complaints");
        var outcomes = Assert.Single(section.Tables, t => t.Id == "complaints-outcomes");
        Assert.Equal<decimal?>(DropIn.Domain.Statistics.DisclosureRules.RoundCount(received), outcomes.TotalRow!.Figures[^1].Value); // rounded, never an exact small count
        Assert.Contains(section.Tables, t => t.Id == "complaints-handling" && !t.HasTotalColumn);
    }
}
