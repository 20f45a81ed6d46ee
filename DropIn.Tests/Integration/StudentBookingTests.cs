using DropIn.Domain;
using DropIn.Domain.Appointments;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Appointments;
using DropIn.Web.Features.Appointments.Booking;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

public sealed class StudentBookingTests : IAsyncLifetime
{
    // Monday 23 November 2026, 09:00 London.
    private readonly FakeTimeProvider _clock = London.Clock(2026, 11, 23, 9, 0);
    private readonly DateTimeOffset _wednesdayTen = London.At(2026, 11, 25, 10, 0);
    private AppFactory _app = default!;
    private AppointmentHarness _h = default!;

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock);
        _h = new AppointmentHarness(_app);
        await _h.CaseworkerAsync("Sam Okafor", new TimeOnly(10, 0), new TimeOnly(12, 0));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Request_HoldsTheTimeAndEmailsAConfirmLink_WithoutTopicInTheSubject()
    {
        var result = await _h.StudentAsync(s => s.RequestAsync(_wednesdayTen, AppointmentHarness.Booking(topic: "Harassment and misconduct")));

        Assert.IsType<BookingResult.CheckEmail>(result);
        var held = Assert.Single(await _h.AppointmentsAsync());
        Assert.Equal(AppointmentStatus.PendingConfirmation, held.Status);
        Assert.Equal("Advice room 1", held.Room);
        var email = Assert.Single(await _h.OutboxAsync());
        Assert.Equal("al123@cam.ac.uk", email.To);
        Assert.Equal("Please confirm your appointment request for Wednesday 25 November at 10:00", email.Subject);
        Assert.DoesNotContain("Harassment", email.TextBody + email.Subject);
        Assert.DoesNotContain(_wednesdayTen, await _h.StudentAsync(s => s.FreeTimesAsync(new DateOnly(2026, 11, 25), new DateOnly(2026, 11, 25))));
    }

    [Fact]
    public async Task Confirm_FromTheEmailLink_ConfirmsAndSendsTheInvitation()
    {
        await _h.StudentAsync(s => s.RequestAsync(_wednesdayTen, AppointmentHarness.Booking()));
        var token = await _h.TokenFromEmailAsync("al123@cam.ac.uk");

        var confirmed = await _h.StudentAsync(s => s.ConfirmAsync(token));
        await _h.StudentAsync(s => s.ConfirmAsync(token)); // a second click changes nothing

        Assert.Equal(AppointmentStatus.Confirmed, confirmed.Status);
        var outbox = await _h.OutboxAsync();
        Assert.Equal(2, outbox.Count);
        Assert.Equal("Appointment confirmed: Wednesday 25 November at 10:00", outbox[1].Subject);
        Assert.Contains("BEGIN:VEVENT", outbox[1].Calendar);
        Assert.Contains("METHOD:REQUEST", outbox[1].Calendar);
        Assert.Contains("/book/manage/", outbox[1].TextBody);
    }

    [Fact]
    public async Task Confirm_AfterTheHold_IsRefusedAndTheTimeIsFreeAgain()
    {
        await _h.StudentAsync(s => s.RequestAsync(_wednesdayTen, AppointmentHarness.Booking()));
        var token = await _h.TokenFromEmailAsync("al123@cam.ac.uk");
        _clock.Advance(TimeSpan.FromMinutes(31));

        await Assert.ThrowsAsync<RuleException>(() => _h.StudentAsync(s => s.ConfirmAsync(token)));
        var second = await _h.StudentAsync(s => s.RequestAsync(_wednesdayTen, AppointmentHarness.Booking("Grace Hopper", "gh1@cam.ac.uk")));

        Assert.IsType<BookingResult.CheckEmail>(second);
        var appointments = await _h.AppointmentsAsync();
        Assert.Equal([AppointmentStatus.Expired, AppointmentStatus.PendingConfirmation], appointments.Select(a => a.Status));
    }

    [Fact]
    public async Task Reschedule_ThenCancel_ThroughThePrivateLink()
    {
        await _h.StudentAsync(s => s.RequestAsync(_wednesdayTen, AppointmentHarness.Booking()));
        var token = await _h.TokenFromEmailAsync("al123@cam.ac.uk");
        await _h.StudentAsync(s => s.ConfirmAsync(token));
        var thursdayEleven = London.At(2026, 11, 26, 11, 0);

        var moved = await _h.StudentAsync(s => s.RescheduleAsync(token, thursdayEleven));
        var freeWednesday = await _h.StudentAsync(s => s.FreeTimesAsync(new DateOnly(2026, 11, 25), new DateOnly(2026, 11, 25)));
        await _h.StudentAsync(s => s.CancelAsync(token, "Sorted it myself"));

        Assert.Equal(thursdayEleven, moved.Start);
        Assert.Contains(_wednesdayTen, freeWednesday);
        Assert.Null(await _h.StudentAsync(s => s.FindAsync(token)));
        var outbox = await _h.OutboxAsync();
        Assert.Equal("Appointment moved to Thursday 26 November at 11:00", outbox[^2].Subject);
        Assert.Equal("Appointment cancelled: Thursday 26 November at 11:00", outbox[^1].Subject);
        Assert.Contains("METHOD:CANCEL", outbox[^1].Calendar);
        Assert.Contains(thursdayEleven, await _h.StudentAsync(s => s.FreeTimesAsync(new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 26))));
    }

    [Theory]
    [InlineData("ada@gmail.com", "university email")]
    [InlineData("not an email", "email address")]
    public async Task Request_BadEmail_IsRefusedWithAClearMessageAndNothingStored(string email, string expected)
    {
        var refused = await Assert.ThrowsAsync<RuleException>(() => _h.StudentAsync(s => s.RequestAsync(_wednesdayTen, AppointmentHarness.Booking(email: email))));

        Assert.Contains(expected, refused.Message);
        Assert.Empty(await _h.AppointmentsAsync());
    }

    [Fact]
    public async Task Request_UnknownKind_IsRefusedAndNothingStored()
    {
        var refused = await Assert.ThrowsAsync<RuleException>(() => _h.StudentAsync(s => s.RequestAsync(_wednesdayTen, AppointmentHarness.Booking() with { Kind = (AppointmentKind)7 })));

        Assert.Contains("how you would like to meet", refused.Message);
        Assert.Empty(await _h.AppointmentsAsync());
    }

    [Fact]
    public async Task Request_OverTheLimit_PageSaysCheckEmail_EmailExplains_NothingBooked()
    {
        foreach (var start in new[] { _wednesdayTen, _wednesdayTen.AddHours(1) })
        {
            await _h.StudentAsync(s => s.RequestAsync(start, AppointmentHarness.Booking()));
        }

        var third = await _h.StudentAsync(s => s.RequestAsync(London.At(2026, 11, 26, 10, 0), AppointmentHarness.Booking()));

        // The page cannot tell a stranger typing this address that its owner has bookings.
        Assert.IsType<BookingResult.CheckEmail>(third);
        Assert.Equal(2, (await _h.AppointmentsAsync()).Count(a => a.HoldsTime));
        var explanation = (await _h.OutboxAsync())[^1];
        Assert.Equal("About your appointment request", explanation.Subject);
        Assert.Contains("contact us", explanation.TextBody);
        Assert.Contains("17 Mill Lane", explanation.TextBody);
    }
}
