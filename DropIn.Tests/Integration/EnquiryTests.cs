using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Complaints;
using DropIn.Domain.Enquiries;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Appointments.Availability;
using DropIn.Web.Features.Complaints;
using DropIn.Web.Features.Enquiries;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

public sealed class EnquiryTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = London.Clock(2026, 11, 23, 10, 0); // Monday
    private AppFactory _app = default!;
    private ClaimsPrincipal _reception = default!;
    private ClaimsPrincipal _sam = default!;
    private string _samId = "";

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock);
        _reception = await _app.StaffAsync("Rita Reception", Roles.Reception);
        _sam = await _app.StaffAsync("Sam Okafor", Roles.Caseworker);
        _samId = _sam.FindFirstValue(ClaimTypes.NameIdentifier)!;
        await _app.StaffAsync("Morgan Manager", Roles.Manager);
        await _app.StaffAsync("Maxine Manager", Roles.Manager);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private Task<Enquiry> RecordAsync(DateTimeOffset received, string? assignee = null, EnquiryChannel channel = EnquiryChannel.Phone) =>
        _app.UseAsync<EnquiryService, Enquiry>(s => s.RecordAsync(_reception, channel, received, "Ada Lovelace", "07700 900123", "Voicemail about an appeal deadline", assignee));

    private Task<int> RunJobAsync() => _app.Services.GetRequiredService<EnquiryReminders>().RunAsync(CancellationToken.None);

    private async Task<List<(string StaffName, string Text)>> NotificationsAsync()
    {
        await using var db = await new AppointmentHarness(_app).DbAsync();
        var names = await db.Users.ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        return [.. (await db.Notifications.OrderBy(n => n.CreatedAt).ToListAsync()).Select(n => (names[n.StaffId], n.Text))];
    }

    [Fact]
    public async Task Record_BackDatedLetter_GetsDeadlinesFromItsPostmark()
    {
        var enquiry = await RecordAsync(London.At(2026, 11, 20, 16, 59), channel: EnquiryChannel.Letter);

        Assert.Equal(London.At(2026, 11, 24, 17, 0), enquiry.TargetAt);
        Assert.Equal(London.At(2026, 11, 25, 17, 0), enquiry.BreachAt);
        Assert.Equal(EnquiryChannel.Letter, enquiry.Channel);
    }

    [Fact]
    public async Task Job_RemindsOnTheDay_ThenOverdue_ThenBreach_EachExactlyOnce()
    {
        await RecordAsync(_clock.GetUtcNow(), _samId); // target Wednesday 17:00, breach Thursday 17:00

        _clock.SetUtcNow(London.At(2026, 11, 24, 10, 0));
        var tuesday = await RunJobAsync();
        _clock.SetUtcNow(London.At(2026, 11, 25, 9, 1));
        var wednesdayMorning = await RunJobAsync();
        var wednesdayAgain = await RunJobAsync();
        _clock.SetUtcNow(London.At(2026, 11, 25, 17, 1));
        var wednesdayEvening = await RunJobAsync();
        _clock.SetUtcNow(London.At(2026, 11, 26, 17, 1));
        var thursdayEvening = await RunJobAsync();
        var afterBreach = await RunJobAsync();

        Assert.Equal([0, 1, 0, 1, 1, 0], new[] { tuesday, wednesdayMorning, wednesdayAgain, wednesdayEvening, thursdayEvening, afterBreach });
        var notes = await NotificationsAsync();
        Assert.Equal(("Sam Okafor", true), (notes[0].StaffName, notes[0].Text.StartsWith("Due today", StringComparison.Ordinal)));
        Assert.Equal(3, notes.Count(n => n.Text.StartsWith("Overdue", StringComparison.Ordinal))); // Sam and both managers
        Assert.Equal(["Maxine Manager", "Morgan Manager"], notes.Where(n => n.Text.StartsWith("Breached", StringComparison.Ordinal)).Select(n => n.StaffName).Order());
        var mail = await new AppointmentHarness(_app).OutboxAsync();
        Assert.Equal(notes.Count, mail.Count);
        Assert.All(mail, m => Assert.DoesNotContain("appeal", m.TextBody));
    }

    [Fact]
    public async Task Job_AfterDowntimePastBreach_SendsOnlyTheEscalation_Once()
    {
        await RecordAsync(_clock.GetUtcNow(), _samId);

        _clock.SetUtcNow(London.At(2026, 11, 27, 10, 0)); // down from Monday until Friday
        var first = await RunJobAsync();
        var second = await RunJobAsync();

        Assert.Equal(1, first);
        Assert.Equal(0, second);
        Assert.All(await NotificationsAsync(), n => Assert.StartsWith("Breached", n.Text));
    }

    [Fact]
    public async Task Acknowledged_GetsNoReminders_AndLeavesTheBoard()
    {
        var enquiry = await RecordAsync(_clock.GetUtcNow(), _samId);
        await _app.UseAsync<EnquiryService, bool>(async s =>
        {
            await s.AcknowledgeAsync(_sam, enquiry.Id, AcknowledgementMethod.Phone);
            return true;
        });

        _clock.SetUtcNow(London.At(2026, 11, 27, 10, 0));
        var sent = await RunJobAsync();
        var board = await _app.UseAsync<EnquiryService, SlaBoard>(s => s.BoardAsync(_reception));

        Assert.Equal(0, sent);
        Assert.Empty(board.Rows);
    }

    [Fact]
    public async Task Board_ColoursByState_CountsAndFilters()
    {
        await RecordAsync(London.At(2026, 11, 17, 10, 0)); // breached (Fri 20th 17:00)
        await RecordAsync(London.At(2026, 11, 19, 10, 0), _samId); // target Mon 23rd 17:00: due today
        await RecordAsync(_clock.GetUtcNow(), channel: EnquiryChannel.Email); // on track

        var all = await _app.UseAsync<EnquiryService, SlaBoard>(s => s.BoardAsync(_reception));
        var sams = await _app.UseAsync<EnquiryService, SlaBoard>(s => s.BoardAsync(_reception, _samId));
        var email = await _app.UseAsync<EnquiryService, SlaBoard>(s => s.BoardAsync(_reception, channel: EnquiryChannel.Email));

        Assert.Equal([SlaState.Breached, SlaState.DueToday, SlaState.OnTrack], all.Rows.Select(r => r.State));
        Assert.Equal((1, 1, 0, 1), (all.OnTrack, all.DueToday, all.Overdue, all.Breached));
        Assert.Equal("Sam Okafor", Assert.Single(sams.Rows).AssigneeName);
        Assert.Equal(EnquiryChannel.Email, Assert.Single(email.Rows).Enquiry.Channel);
    }

    [Fact]
    public async Task ClosureAddedLater_MovesOpenDeadlines_OfEnquiriesAndComplaints()
    {
        var enquiry = await RecordAsync(_clock.GetUtcNow());
        var manager = await _app.StaffAsync("Morgan Manager", Roles.Manager);
        var complaint = await _app.UseAsync<ComplaintService, Complaint>(c => c.RecordAsync(manager, EnquiryChannel.Phone, _clock.GetUtcNow(), "Ada Lovelace", null, "Nobody called me back.", null, null));

        await _app.UseAsync<AvailabilityAdminService, bool>(async a =>
        {
            await a.AddClosureAsync(manager, new DateOnly(2026, 11, 24), "Staff away day");
            return true;
        });
        await using var db = await new AppointmentHarness(_app).DbAsync();
        var moved = await db.Enquiries.SingleAsync(e => e.Id == enquiry.Id);

        Assert.Equal(London.At(2026, 11, 25, 17, 0), enquiry.TargetAt);
        Assert.Equal(London.At(2026, 11, 26, 17, 0), moved.TargetAt);
        // Received Monday 23 November: the 5th and 20th working days, each one later for the Tuesday closed.
        var movedComplaint = await db.Complaints.SingleAsync(c => c.Id == complaint.Id);
        Assert.Equal((London.At(2026, 11, 30, 17, 0), London.At(2026, 12, 21, 17, 0)), (complaint.AcknowledgeBy, complaint.RespondBy));
        Assert.Equal((London.At(2026, 12, 1, 17, 0), London.At(2026, 12, 22, 17, 0)), (movedComplaint.AcknowledgeBy, movedComplaint.RespondBy));
    }

    [Fact]
    public async Task WebForm_CreatesAnEnquiry_WithItsReplyDate_AndRefusesABadAddress()
    {
        var enquiry = await _app.UseAsync<EnquiryService, Enquiry>(s => s.SubmitWebFormAsync("Grace Hopper", "gh1@cam.ac.uk", "I need help with intermission"));
        var refused = await Assert.ThrowsAsync<RuleException>(() => _app.UseAsync<EnquiryService, Enquiry>(s => s.SubmitWebFormAsync("Grace", "nope", "help")));

        Assert.Equal(EnquiryChannel.WebForm, enquiry.Channel);
        Assert.Null(enquiry.RecordedBy);
        Assert.Equal(London.At(2026, 11, 25, 17, 0), enquiry.TargetAt);
        Assert.Contains("email address", refused.Message);
    }

    [Fact]
    public async Task WebForm_SendPressedTwiceAtOnce_IsOneEnquiry_WithTheSameAnswer_ButANewMessageOrALaterOneIsNot()
    {
        var fields = new Dictionary<string, string> { ["Input.Name"] = "Grace Hopper", ["Input.Email"] = "gh1@cam.ac.uk", ["Input.Summary"] = "My landlord kept my deposit." };
        async Task<string> SendAsync(Dictionary<string, string> form)
        {
            using var client = StaffBrowserClient.Anonymous(_app);
            var response = await StaffBrowserClient.PostFormAsync(client, "/contact", "contact", form);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            var page = await response.Content.ReadAsStringAsync();
            return System.Text.RegularExpressions.Regex.Match(page, "We aim to reply by the end of <strong>([^<]+)</strong>").Groups[1].Value;
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => SendAsync(fields)));
        _clock.Advance(TimeSpan.FromMinutes(9)); // Send again after a slow answer: still the same message
        answers = [.. answers, await SendAsync(fields)];
        await SendAsync(new(fields) { ["Input.Email"] = "GH1@cam.ac.uk" });

        await using (var db = await new AppointmentHarness(_app).DbAsync())
        {
            Assert.Equal(1, await db.Enquiries.CountAsync());
        }

        Assert.All(answers, a => Assert.Equal("Wednesday 25 November", a));
        await SendAsync(new(fields) { ["Input.Summary"] = "And my tenancy ends next week." });
        _clock.Advance(TimeSpan.FromMinutes(11));
        await SendAsync(fields);
        await using (var db = await new AppointmentHarness(_app).DbAsync())
        {
            Assert.Equal(3, await db.Enquiries.CountAsync());
        }
    }

    [Fact]
    public async Task Report_SharesWithinTwoAndThreeWorkingDays_ByMonthAndChannel()
    {
        var early = await RecordAsync(London.At(2026, 11, 2, 10, 0));
        var late = await RecordAsync(London.At(2026, 11, 2, 11, 0));
        await RecordAsync(London.At(2026, 11, 3, 10, 0)); // never acknowledged
        await _app.UseAsync<EnquiryService, bool>(async s =>
        {
            await s.AcknowledgeAsync(_sam, early.Id, AcknowledgementMethod.Phone, London.At(2026, 11, 3, 12, 0));
            await s.AcknowledgeAsync(_sam, late.Id, AcknowledgementMethod.Email, London.At(2026, 11, 5, 12, 0));
            return true;
        });

        var report = await _app.UseAsync<EnquiryService, IReadOnlyList<SlaReportRow>>(s => s.ReportAsync(_reception, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)));

        var phone = Assert.Single(report);
        Assert.Equal((2026, 11, EnquiryChannel.Phone, 3, 1, 2), (phone.Year, phone.Month, phone.Channel, phone.Received, phone.WithinTwo, phone.WithinThree));
        Assert.Equal((0, 3, 3), (phone.NotYetDue, phone.DueByTarget, phone.DueByBreach));
    }

    /// <summary>Monday 10:00: one enquiry answered in time, one past its target but not yet its breach time, one from this morning.</summary>
    [Fact]
    public async Task Report_EnquiriesNotYetDue_AreCountedApart_NotAsFailures()
    {
        var answered = await RecordAsync(London.At(2026, 11, 2, 10, 0));
        await RecordAsync(London.At(2026, 11, 18, 10, 0)); // target Friday 17:00 (missed), breach today 17:00 (still open)
        await RecordAsync(London.At(2026, 11, 23, 9, 30)); // this morning: due Wednesday
        await _app.UseAsync<EnquiryService>(s => s.AcknowledgeAsync(_sam, answered.Id, AcknowledgementMethod.Phone, London.At(2026, 11, 3, 12, 0)));

        var row = Assert.Single(await _app.UseAsync<EnquiryService, IReadOnlyList<SlaReportRow>>(s => s.ReportAsync(_reception, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30))));

        Assert.Equal(3, row.Received);
        Assert.Equal(0.5, row.ShareWithinTwo); // 1 of the 2 due by their target, not 1 of 3
        Assert.Equal(1.0, row.ShareWithinThree); // only the answered one is past its breach time
        Assert.Equal((1, 2, 1), (row.NotYetDue, row.DueByTarget, row.DueByBreach));
    }
}
