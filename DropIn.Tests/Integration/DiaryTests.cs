using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Appointments;
using DropIn.Domain.Cases;
using DropIn.Domain.Conduct;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Appointments.Booking;
using DropIn.Web.Live;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

public sealed class DiaryTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = London.Clock(2026, 11, 23, 9, 0);
    private readonly DateTimeOffset _wednesdayTen = London.At(2026, 11, 25, 10, 0);
    private AppFactory _app = default!;
    private AppointmentHarness _h = default!;
    private ClaimsPrincipal _reception = default!;
    private string _samId = "";

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock);
        _h = new AppointmentHarness(_app);
        var sam = await _h.CaseworkerAsync("Sam Okafor", new TimeOnly(10, 0), new TimeOnly(12, 0), room: "Interview room");
        _samId = sam.FindFirstValue(ClaimTypes.NameIdentifier)!;
        _reception = await _app.StaffAsync("Rita Reception", Roles.Reception);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private Slot At(DateTimeOffset start) => new(_samId, start, start.AddMinutes(45));

    [Fact]
    public async Task Book_ByStaff_IsConfirmedAtOnce_InTheCaseworkersRoom_AndShowsInTheDiary()
    {
        var booked = await _h.DiaryAsync(d => d.BookAsync(_reception, At(_wednesdayTen), AppointmentHarness.Booking(email: "ada@gmail.com")));
        var diary = await _h.DiaryAsync(d => d.GetAsync(_reception, new DateOnly(2026, 11, 25), new DateOnly(2026, 11, 25)));

        Assert.Equal(AppointmentStatus.Confirmed, booked.Status);
        Assert.Equal("Interview room", booked.Room);
        var entry = Assert.Single(diary.Entries);
        Assert.Equal("Sam Okafor", entry.CaseworkerName);
        Assert.Equal("Appointment confirmed: Wednesday 25 November at 10:00", Assert.Single(await _h.OutboxAsync()).Subject);
    }

    [Fact]
    public async Task Book_ATakenTime_IsRefusedWithAClearMessage()
    {
        await _h.DiaryAsync(d => d.BookAsync(_reception, At(_wednesdayTen), AppointmentHarness.Booking()));

        var refused = await Assert.ThrowsAsync<RuleException>(() => _h.DiaryAsync(d => d.BookAsync(_reception, At(_wednesdayTen), AppointmentHarness.Booking("Grace Hopper", "gh1@cam.ac.uk"))));

        Assert.Equal("That time has just been taken. Choose another.", refused.Message);
    }

    [Fact]
    public async Task Move_ThenCancelWithReason_FreesTheTimesAndEmailsTheStudent()
    {
        var booked = await _h.DiaryAsync(d => d.BookAsync(_reception, At(_wednesdayTen), AppointmentHarness.Booking()));
        await _h.DiaryAsync(d => d.MoveAsync(_reception, booked.Id, At(_wednesdayTen.AddHours(1))));
        var noReason = await Assert.ThrowsAsync<RuleException>(() => _h.DiaryAsync(d => d.CancelAsync(_reception, booked.Id, " ")));
        await _h.DiaryAsync(d => d.CancelAsync(_reception, booked.Id, "Caseworker ill"));

        var stored = Assert.Single(await _h.AppointmentsAsync());
        Assert.Equal(AppointmentStatus.Cancelled, stored.Status);
        Assert.Equal("Caseworker ill", stored.CancelReason);
        Assert.Contains("reason", noReason.Message);
        var free = await _h.DiaryAsync(d => d.FreeSlotsAsync(_reception, new DateOnly(2026, 11, 25)));
        Assert.Equal(2, free.Count);
        Assert.Equal(["Appointment confirmed: Wednesday 25 November at 10:00", "Appointment moved to Wednesday 25 November at 11:00", "Appointment cancelled: Wednesday 25 November at 11:00"],
            (await _h.OutboxAsync()).Select(m => m.Subject));
    }

    [Fact]
    public async Task TimesToMoveTo_OfferEveryOtherFreeTime_ButNotTheOneItIsAlreadyAt()
    {
        var booked = await _h.DiaryAsync(d => d.BookAsync(_reception, At(_wednesdayTen.AddHours(1)), AppointmentHarness.Booking()));

        var free = await _h.DiaryAsync(d => d.FreeSlotsAsync(_reception, new DateOnly(2026, 11, 25), booked.Id));

        // Sam offers 10:00 and 11:00; the appointment is at 11:00, so only 10:00 is a move.
        Assert.DoesNotContain(free, s => s.Slot.Start == booked.Start);
        Assert.Contains(free, s => s.Slot.Start == _wednesdayTen);
    }

    [Fact]
    public async Task NoShows_AreCountedPerStudent_AndFlagAWarningAtTheConfiguredNumber()
    {
        var first = await _h.DiaryAsync(d => d.BookAsync(_reception, At(_wednesdayTen), AppointmentHarness.Booking()));
        var second = await _h.DiaryAsync(d => d.BookAsync(_reception, At(_wednesdayTen.AddDays(1)), AppointmentHarness.Booking()));
        var early = await Assert.ThrowsAsync<RuleException>(() => _h.DiaryAsync(d => d.MarkNoShowAsync(_reception, first.Id)));

        _clock.SetUtcNow(_wednesdayTen.AddMinutes(20));
        await _h.DiaryAsync(d => d.MarkNoShowAsync(_reception, first.Id));
        var afterOne = (await _h.DiaryAsync(d => d.GetAsync(_reception, new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 26)))).Entries.Single();
        _clock.SetUtcNow(_wednesdayTen.AddDays(1).AddMinutes(20));
        await _h.DiaryAsync(d => d.MarkNoShowAsync(_reception, second.Id));
        await _h.DiaryAsync(d => d.MarkNoShowAsync(_reception, second.Id)); // pressed twice: counted once
        var afterTwo = (await _h.DiaryAsync(d => d.GetAsync(_reception, new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 26)))).Entries.Single();

        Assert.Contains("once the appointment has started", early.Message);
        Assert.Equal(1, afterOne.StudentNoShows);
        Assert.False(afterOne.WarningDue);
        Assert.Equal(2, afterTwo.StudentNoShows);
        Assert.True(afterTwo.WarningDue);
    }

    [Fact]
    public async Task Diary_Anonymous_IsRefused_AndChangesPublishTheDate()
    {
        var changes = new List<LiveChange>();
        using var _ = _app.Services.GetRequiredService<ILiveUpdates>().Subscribe(c =>
        {
            lock (changes)
            {
                changes.Add(c);
            }

            return Task.CompletedTask;
        });

        await Assert.ThrowsAsync<ForbiddenException>(() => _h.DiaryAsync(d => d.GetAsync(new ClaimsPrincipal(), new DateOnly(2026, 11, 25), new DateOnly(2026, 11, 25))));
        await _h.DiaryAsync(d => d.BookAsync(_reception, At(_wednesdayTen), AppointmentHarness.Booking()));

        Assert.Contains(new DiaryChanged(new DateOnly(2026, 11, 25)), changes);
    }

    [Fact]
    public async Task Withdrawn_Student_CannotBeBookedByStaff_AndSelfBookingGetsOnlyAnEmail()
    {
        await using (var db = await _h.DbAsync())
        {
            // Withdrawal lives on the student's conduct record (DropIn.Domain.Conduct), found by the record's email.
            var now = _clock.GetUtcNow();
            var student = Student.Register(new StudentProfile("Ada Lovelace", Email: "al123@cam.ac.uk"), "manager", now);
            var decision = new WithdrawalDecision(IncidentKind.ViolenceOrThreat, "Threatened a member of staff.", new DateOnly(2027, 3, 1), "Immediate risk to staff", null, "None suitable", LetterDelivery.Post);
            db.Students.Add(student);
            db.Withdrawals.Add(Withdrawal.Decide(student.Id, decision, null, null, "Notice", "manager", now, new DateOnly(2026, 11, 23)));
            await db.SaveChangesAsync();
        }

        var staff = await Assert.ThrowsAsync<RuleException>(() => _h.DiaryAsync(d => d.BookAsync(_reception, At(_wednesdayTen), AppointmentHarness.Booking())));
        var self = await _h.StudentAsync(s => s.RequestAsync(_wednesdayTen, AppointmentHarness.Booking()));

        Assert.Contains("withdrawn", staff.Message);
        Assert.IsType<DropIn.Web.Features.Appointments.Booking.BookingResult.CheckEmail>(self);
        Assert.DoesNotContain(await _h.AppointmentsAsync(), a => a.HoldsTime);
        var email = Assert.Single(await _h.OutboxAsync());
        Assert.DoesNotContain("withdrawn", email.TextBody);
        Assert.Contains("We can't take this booking online", email.TextBody);
    }
}
