using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Appointments.Booking;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

/// <summary>Fifty students asking for one time at once, on the real SQLite file (and, in
/// <see cref="BookingRushRaceOnPostgresTests"/>, on PostgreSQL).</summary>
public class BookingRushRaceTests : IAsyncLifetime
{
    // Monday 23 November 2026, 09:00 London.
    private readonly FakeTimeProvider _clock = London.Clock(2026, 11, 23, 9, 0);
    private readonly DateTimeOffset _wednesdayTen = London.At(2026, 11, 25, 10, 0);
    private readonly bool _postgres;
    private AppFactory _app = default!;
    private AppointmentHarness _h = default!;

    public BookingRushRaceTests()
        : this(postgres: false)
    {
    }

    protected BookingRushRaceTests(bool postgres) => _postgres = postgres;

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock, postgres: _postgres);
        _h = new AppointmentHarness(_app);
        await _h.CaseworkerAsync("Sam Okafor", new TimeOnly(10, 0), new TimeOnly(12, 0));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Request_FiftyStudentsForOneTime_ExactlyOneBooking_OthersToldJustTakenWithNearestTimes()
    {
        var attempts = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() =>
            _h.StudentAsync(s => s.RequestAsync(_wednesdayTen, AppointmentHarness.Booking($"Student {i}", $"s{i}@cam.ac.uk"))))));

        Assert.Single(attempts, r => r is BookingResult.CheckEmail);
        var taken = attempts.OfType<BookingResult.JustTaken>().ToList();
        Assert.Equal(49, taken.Count);
        Assert.All(taken, t => Assert.NotEmpty(t.Nearest));
        Assert.All(taken, t => Assert.DoesNotContain(_wednesdayTen, t.Nearest));
        Assert.Single(await _h.AppointmentsAsync());
    }
}

/// <summary>The same rush on PostgreSQL (issue: scale-out).</summary>
public sealed class BookingRushRaceOnPostgresTests() : BookingRushRaceTests(postgres: true);
