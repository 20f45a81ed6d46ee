using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Appointments;
using DropIn.Domain.Cases;
using DropIn.Domain.Queue;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Appointments;
using DropIn.Web.Features.Appointments.Booking;
using DropIn.Web.Features.Conduct;
using DropIn.Web.Features.Feedback;
using DropIn.Web.Features.Queue;
using DropIn.Web.Features.Students;
using DropIn.Web.Security;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

/// <summary>
/// Who a student is does not depend on how they typed their university email: case, a "+tag" and surrounding spaces
/// name the same mailbox, so they name the same student for every rule that asks who someone is.
/// </summary>
public sealed class StudentIdentityTests : IAsyncLifetime
{
    // Monday 23 November 2026, 09:00 London.
    private readonly FakeTimeProvider _clock = London.Clock(2026, 11, 23, 9, 0);
    private readonly DateTimeOffset _wednesdayTen = London.At(2026, 11, 25, 10, 0);
    private AppFactory _app = default!;
    private AppointmentHarness _h = default!;
    private ClaimsPrincipal _reception = default!;
    private ClaimsPrincipal _manager = default!;
    private Student _ada = default!;

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock, settings: AppFactory.AlwaysOpen());
        _h = new AppointmentHarness(_app);
        await _h.CaseworkerAsync("Sam Okafor", new TimeOnly(10, 0), new TimeOnly(12, 0));
        _reception = await _app.StaffAsync("Rita Reception", Roles.Reception);
        _manager = await _app.StaffAsync("Morgan Manager", Roles.Manager);
        _ada = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(_reception, new StudentProfile("Ada Lovelace", Email: "ab123@cam.ac.uk")));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private Task WithdrawAdaAsync() => ConductHarness.WithdrawAsync(_app, _reception, _manager, _ada.Id, _clock.GetUtcNow());

    private async Task<int> HoldsAsync() => (await _h.AppointmentsAsync()).Count(a => a.HoldsTime);

    [Theory]
    [InlineData("ab123+x@cam.ac.uk")]
    [InlineData(" AB123@CAM.AC.UK ")]
    [InlineData("Ab123+appeal@cam.ac.uk")]
    public async Task Request_AfterWithdrawal_UnderAnotherSpellingOfTheEmail_IsRefused(string spelling)
    {
        await WithdrawAdaAsync();

        var answer = await _h.StudentAsync(s => s.RequestAsync(_wednesdayTen, AppointmentHarness.Booking("Ada L", spelling)));

        Assert.IsType<BookingResult.CheckEmail>(answer);
        Assert.Equal(0, await HoldsAsync());
        Assert.Contains("We can't take this booking online", (await _h.OutboxAsync())[^1].TextBody);
    }

    [Fact]
    public async Task StaffBooking_AfterWithdrawal_UnderATaggedEmail_IsRefused()
    {
        await WithdrawAdaAsync();
        var slot = (await _h.DiaryAsync(d => d.FreeSlotsAsync(_reception, new DateOnly(2026, 11, 25))))[0].Slot;

        var refused = await Assert.ThrowsAsync<RuleException>(() => _h.DiaryAsync(d => d.BookAsync(_reception, slot, AppointmentHarness.Booking("Ada", "AB123+x@cam.ac.uk"))));

        Assert.Contains("withdrawn", refused.Message);
    }

    [Fact]
    public async Task CheckIn_UnderATaggedEmail_IsFlaggedForTheWithdrawal()
    {
        await WithdrawAdaAsync();

        var result = await _app.UseAsync<QueueService, CheckInResult>(q => q.CheckInAsync(_reception, new StudentDetails("Ada", "ab123+queue@cam.ac.uk", null, "Appeal", false, null)));

        Assert.IsType<CheckInResult.Flagged>(result);
    }

    [Fact]
    public async Task Request_TaggedAddresses_DoNotGetRoundTheBookingLimit()
    {
        await _h.StudentAsync(s => s.RequestAsync(_wednesdayTen, AppointmentHarness.Booking(email: "ab123@cam.ac.uk")));
        await _h.StudentAsync(s => s.RequestAsync(_wednesdayTen.AddHours(1), AppointmentHarness.Booking(email: "ab123+one@cam.ac.uk")));

        var third = await _h.StudentAsync(s => s.RequestAsync(London.At(2026, 11, 26, 10, 0), AppointmentHarness.Booking(email: "AB123+two@cam.ac.uk")));

        Assert.IsType<BookingResult.CheckEmail>(third);
        Assert.Equal(2, await HoldsAsync());
        Assert.Equal("About your appointment request", (await _h.OutboxAsync())[^1].Subject);
    }

    [Fact]
    public async Task Registration_WithATaggedEmail_FindsTheExistingStudent()
    {
        var found = await _app.UseAsync<StudentService, IReadOnlyList<PossibleDuplicate>>(s =>
            s.DuplicatesAsync(_reception, new StudentProfile("Someone Else", Email: "AB123+new@cam.ac.uk")));

        Assert.Contains("same email", Assert.Single(found).Reasons);
    }

    [Fact]
    public async Task NoShows_UnderTwoSpellings_CountForOneStudent()
    {
        foreach (var (start, email) in new[] { (_wednesdayTen, "ab123@cam.ac.uk"), (_wednesdayTen.AddHours(1), "ab123+x@cam.ac.uk") })
        {
            var slot = (await _h.DiaryAsync(d => d.FreeSlotsAsync(_reception, new DateOnly(2026, 11, 25)))).Single(s => s.Slot.Start == start).Slot;
            await _h.DiaryAsync(d => d.BookAsync(_reception, slot, AppointmentHarness.Booking("Ada", email)));
        }

        _clock.SetUtcNow(_wednesdayTen.AddHours(3));
        foreach (var appointment in await _h.AppointmentsAsync())
        {
            await _h.DiaryAsync(d => d.MarkNoShowAsync(_reception, appointment.Id));
        }

        var diary = await _h.DiaryAsync(d => d.GetAsync(_reception, new DateOnly(2026, 11, 25), new DateOnly(2026, 11, 25)));
        Assert.All(diary.Entries, e => Assert.Equal(2, e.StudentNoShows));
        var record = await _app.UseAsync<ConductService, ConductRecord>(c => c.GetAsync(_manager, _ada.Id));
        Assert.Equal(2, record.MissedAppointments);
    }

    [Fact]
    public async Task FeedbackPermission_TickedWhenBookingUnderATaggedEmail_CountsForTheStudent()
    {
        await _h.StudentAsync(s => s.RequestAsync(_wednesdayTen, AppointmentHarness.Booking(email: "AB123+x@cam.ac.uk"), feedbackPermission: true));
        var token = await _h.TokenFromEmailAsync("ab123+x@cam.ac.uk");
        await _h.StudentAsync(s => s.ConfirmAsync(token));

        var permission = await _app.UseAsync<FeedbackPermissionService, FeedbackPermissionView>(f => f.GetAsync(_reception, _ada.Id));

        Assert.True(permission.Permission?.Given);
    }
}
