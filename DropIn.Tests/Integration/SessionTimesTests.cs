using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Calendar;
using DropIn.Domain.Queue;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Appointments;
using DropIn.Web.Features.Appointments.Diary;
using DropIn.Web.Live;
using DropIn.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

/// <summary>
/// The drop-in as it actually runs: one session at a time (an early opening counts from when it opened), and a
/// caseworker who staffs it is offered no appointment times while a stored session runs, extra ones included.
/// </summary>
public class SessionTimesTests : IAsyncLifetime
{
    // Monday 23 November 2026 (no scheduled drop-in on Mondays), 09:00 London.
    private readonly FakeTimeProvider _clock = London.Clock(2026, 11, 23, 9, 0);
    private AppFactory _app = default!;
    private QueueHarness _queue = default!;
    private ClaimsPrincipal _reception = default!;
    private ClaimsPrincipal _sam = default!;

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock, postgres: _postgres);
        _queue = new QueueHarness(_app);
        _reception = await _queue.ReceptionAsync();
        _sam = await new AppointmentHarness(_app).CaseworkerAsync("Sam Okafor", new TimeOnly(9, 0), new TimeOnly(17, 0), staffsDropIn: true);
    }

    public SessionTimesTests()
        : this(postgres: false)
    {
    }

    protected SessionTimesTests(bool postgres) => _postgres = postgres;

    private readonly bool _postgres;

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Sam's free times today, as the diary's booking dialog offers them (staff may book from now on).</summary>
    private async Task<List<string>> SamsTimesAsync(DateOnly? on = null)
    {
        var slots = await _app.UseAsync<DiaryService, IReadOnlyList<StaffSlot>>(d => d.FreeSlotsAsync(_reception, on ?? LondonTime.Today(_clock.GetUtcNow())));
        return [.. slots.Select(s => LondonTime.ToLocal(s.Slot.Start).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture))];
    }

    [Fact]
    public async Task ExtraSession_StartedToday_TakesAwayTheClashingTimesAtOnce_AndTellsOpenDiaries()
    {
        _clock.SetUtcNow(London.At(2026, 11, 23, 9, 50));
        var before = await SamsTimesAsync();
        var heard = new List<LiveChange>();
        using var listening = _app.Services.GetRequiredService<ILiveUpdates>().Subscribe(c =>
        {
            lock (heard)
            {
                heard.Add(c);
            }

            return Task.CompletedTask;
        });

        await _queue.WithQueueAsync(q => q.StartExtraSessionAsync(_reception, new TimeOnly(12, 0)));
        var after = await SamsTimesAsync();

        Assert.Equal(["10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00"], before);
        // Busy 09:50–12:00, with the 15-minute gap either side: 12:00 is too close to the session's end.
        Assert.Equal(["13:00", "14:00", "15:00", "16:00"], after);
        lock (heard)
        {
            Assert.Contains(new DiaryChanged(new DateOnly(2026, 11, 23)), heard);
        }
    }

    [Fact]
    public async Task OpenEarly_TakesAwayTheTimeBeforeTheSession_AndClosingEarly_GivesBackTheRest()
    {
        // Tuesday 24 November: the drop-in is scheduled 12:00–14:00.
        _clock.SetUtcNow(London.At(2026, 11, 24, 11, 0));
        var session = (await _queue.ViewAsync(_reception)).Session;
        var scheduled = await SamsTimesAsync();

        await _queue.WithQueueAsync(q => q.OpenEarlyAsync(_reception, session.Id));
        var openedEarly = await SamsTimesAsync();
        _clock.SetUtcNow(London.At(2026, 11, 24, 12, 30));
        await _queue.WithQueueAsync(q => q.CloseAsync(_reception, session.Id));
        var closedEarly = await SamsTimesAsync();

        Assert.Equal(["11:00", "15:00", "16:00"], scheduled);
        Assert.Equal(["15:00", "16:00"], openedEarly);
        Assert.Equal(["13:00", "14:00", "15:00", "16:00"], closedEarly);
    }

    [Fact]
    public async Task DaysAhead_WithNoSessionStoredYet_FollowTheWeeklySchedule()
    {
        Assert.Equal(["09:00", "10:00", "11:00", "15:00", "16:00"], await SamsTimesAsync(new DateOnly(2026, 11, 26)));
    }

    [Fact]
    public async Task OpenEarly_WhileAnExtraSessionIsOpen_IsRefused_OneSessionAtATime()
    {
        // Thursday 26 November, 11:05: an extra session until 11:55, then someone opens the 12:00 session early.
        _clock.SetUtcNow(London.At(2026, 11, 26, 11, 0));
        var scheduled = (await _queue.ViewAsync(_reception)).Session;
        _clock.SetUtcNow(London.At(2026, 11, 26, 11, 5));
        await _queue.WithQueueAsync(q => q.StartExtraSessionAsync(_reception, new TimeOnly(11, 55)));

        var refused = await Assert.ThrowsAsync<RuleException>(() => _queue.WithQueueAsync(q => q.OpenEarlyAsync(_reception, scheduled.Id)));

        Assert.Contains("Another drop-in session is open", refused.Message, StringComparison.Ordinal);
        Assert.True((await _queue.ViewAsync(_reception)).Session.IsExtra);
    }

    [Fact]
    public async Task ExtraSession_WhileTheScheduledOneIsOpenEarly_IsRefused_OneSessionAtATime()
    {
        _clock.SetUtcNow(London.At(2026, 11, 26, 11, 0));
        var scheduled = (await _queue.ViewAsync(_reception)).Session;
        await _queue.WithQueueAsync(q => q.OpenEarlyAsync(_reception, scheduled.Id));
        _clock.SetUtcNow(London.At(2026, 11, 26, 11, 10));

        var refused = await Assert.ThrowsAsync<RuleException>(() => _queue.WithQueueAsync(q => q.StartExtraSessionAsync(_reception, new TimeOnly(11, 50))));

        Assert.Contains("overlap", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtraSession_TwoReceptionistsAtOnce_OneStarts_TheOtherIsToldWhy()
    {
        var rita = _reception;
        var ola = await _queue.ReceptionAsync("Ola Reception");
        for (var round = 0; round < 5; round++)
        {
            _clock.SetUtcNow(London.At(2026, 11, 23 + round, 15, 0));
            using var start = new SemaphoreSlim(0, 2);
            var presses = new[] { rita, ola }.Select(r => Task.Run(async () =>
            {
                await start.WaitAsync();
                try
                {
                    await _queue.WithQueueAsync(q => q.StartExtraSessionAsync(r, new TimeOnly(17, 0)));
                    return (Exception?)null;
                }
                catch (Exception ex)
                {
                    return ex;
                }
            })).ToArray();
            start.Release(2);
            var outcomes = await Task.WhenAll(presses);

            Assert.Single(outcomes, o => o is null);
            Assert.IsType<RuleException>(Assert.Single(outcomes, o => o is not null));
        }
    }
}

/// <summary>The same session rules on PostgreSQL, where the rule lock, not a single writer, keeps extra sessions apart.</summary>
public sealed class SessionTimesOnPostgresTests() : SessionTimesTests(postgres: true);
