using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Features.Appointments.Booking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

/// <summary>
/// When bookings open, many students look at the free times at once. They share one read of the diary per change
/// (<see cref="FreeTimesAhead"/>): twenty students asking together cost the database what one does, and each still
/// sees the time just taken as gone and a lapsed hold's time as free again.
/// </summary>
public sealed class FreeTimesSharedTests : IAsyncLifetime
{
    // Monday 23 November 2026, 09:00 London.
    private readonly FakeTimeProvider _clock = London.Clock(2026, 11, 23, 9, 0);
    private readonly DateOnly _wednesday = new(2026, 11, 25);
    private readonly DbCommandCount _commands = new();
    private AppFactory _app = default!;
    private AppointmentHarness _h = default!;

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock,
            services: s => s.ConfigureDbContext<DropInDbContext>(o => o.AddInterceptors(_commands), ServiceLifetime.Singleton));
        _h = new AppointmentHarness(_app);
        await _h.CaseworkerAsync("Sam Okafor", new TimeOnly(10, 0), new TimeOnly(12, 0));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task TwentyStudentsAskingAtOnce_CostWhatOneDoes_AndAllSeeTheTimeJustTaken()
    {
        var ten = London.At(2026, 11, 25, 10, 0);
        var eleven = London.At(2026, 11, 25, 11, 0);

        await _h.StudentAsync(s => s.RequestAsync(ten, AppointmentHarness.Booking()));
        var (oneCost, one) = await CountedAsync(() => FreeOnWednesdayAsync(1));
        Assert.Equal([eleven], Assert.Single(one));

        await _h.StudentAsync(s => s.RequestAsync(eleven, AppointmentHarness.Booking("Grace Hopper", "gh456@cam.ac.uk")));
        var (twentyCost, twenty) = await CountedAsync(() => FreeOnWednesdayAsync(20));

        Assert.All(twenty, Assert.Empty);
        Assert.True(oneCost > 0, "Asking after a booking read nothing: the time just taken could not have shown as gone.");
        Assert.True(twentyCost <= oneCost,
            $"Twenty students asking at once took {twentyCost} database commands, against {oneCost} for one: each read the diary for itself.");
    }

    [Fact]
    public async Task AHoldThatRunsOut_FreesItsTime_WithinAMinute_WithoutAnyChangeHeard()
    {
        var ten = London.At(2026, 11, 25, 10, 0);
        await _h.StudentAsync(s => s.RequestAsync(ten, AppointmentHarness.Booking()));
        Assert.DoesNotContain(ten, Assert.Single(await FreeOnWednesdayAsync(1)));

        // The hold lasts 30 minutes and is never confirmed; nothing is published when it lapses.
        _clock.Advance(TimeSpan.FromMinutes(30) + FreeTimesAhead.MaxAge);

        Assert.Contains(ten, Assert.Single(await FreeOnWednesdayAsync(1)));
    }

    private Task<IReadOnlyList<DateTimeOffset>[]> FreeOnWednesdayAsync(int students) =>
        Task.WhenAll(Enumerable.Range(0, students).Select(_ => _h.StudentAsync(s => s.FreeTimesAsync(_wednesday, _wednesday))));

    private async Task<(long Commands, T Result)> CountedAsync<T>(Func<Task<T>> act)
    {
        var before = _commands.Count;
        var result = await act();
        return (_commands.Count - before, result);
    }
}
