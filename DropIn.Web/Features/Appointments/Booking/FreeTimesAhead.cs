using DropIn.Domain.Appointments;
using DropIn.Domain.Calendar;
using DropIn.Web.Data;
using DropIn.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Appointments.Booking;

/// <summary>
/// Every free slot students may book, from today to the furthest day ahead, read once per change and shared by every
/// student choosing a time: when a term's bookings open, hundreds of phones ask at once, and each used to read all
/// caseworkers' windows, leave, closures and bookings for itself. The booking itself never trusts this: it checks the
/// slot again inside its transaction (<see cref="SlotBooker.IsFreeAsync"/>).
/// </summary>
/// <remarks>
/// Stale at once on a booking or a change to one (<see cref="DiaryChanged"/>), to availability
/// (<see cref="AvailabilityChanged"/>) or to a drop-in session (<see cref="QueueChanged"/>: the sessions block those
/// who staff them), and after <see cref="MaxAge"/> in any case: a hold that runs out frees its time without a change.
/// The booking rules' notice and horizon move with the clock, so they are applied when asked, not when read.
/// </remarks>
public sealed class FreeTimesAhead : IDisposable
{
    /// <summary>How long a read is used when nothing was heard to change: the longest a time freed by a lapsed hold stays hidden.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly SharedRead<Ahead> _ahead;
    private readonly BookingRules _rules;
    private readonly TimeProvider _clock;

    public FreeTimesAhead(IDbContextFactory<DropInDbContext> dbFactory, SlotFinder slots, ILiveUpdates live, TimeProvider clock)
    {
        (_rules, _clock) = (slots.StudentRules, clock);
        // The whole horizon, and a day more for a read made just before midnight; every time from now on, whatever the notice.
        var unlimited = _rules with { EarliestNotice = TimeSpan.Zero, FurthestAhead = _rules.FurthestAhead + TimeSpan.FromDays(2) };
        _ahead = new SharedRead<Ahead>(live, change => change is DiaryChanged or AvailabilityChanged or QueueChanged, async ct =>
        {
            var now = clock.GetUtcNow();
            var (from, to) = (LondonTime.Today(now), LondonTime.Today(now + _rules.FurthestAhead).AddDays(1));
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var free = await slots.FreeSlotsAsync(db, unlimited, now, from, to, ct: ct);
            return new Ahead(free, await db.WorkingCalendarAsync(from, to, ct));
        }, MaxAge, clock);
    }

    /// <summary>Distinct free start times on London dates <paramref name="from"/> to <paramref name="to"/>, within the booking rules now.</summary>
    public async Task<IReadOnlyList<DateTimeOffset>> BetweenAsync(DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var (start, end) = (LondonTime.ToInstant(from, TimeOnly.MinValue), LondonTime.ToInstant(to.AddDays(1), TimeOnly.MinValue));
        var slots = await BookableAsync(ct);
        return [.. slots.Where(s => s.Start >= start && s.Start < end).Select(s => s.Start).Distinct().Order()];
    }

    /// <summary>Each caseworker's free slot starting at <paramref name="start"/>, within the booking rules now; none when the time is not bookable.</summary>
    public async Task<IReadOnlyList<Slot>> AtAsync(DateTimeOffset start, CancellationToken ct = default) =>
        [.. (await BookableAsync(ct)).Where(s => s.Start == start)];

    private async Task<IEnumerable<Slot>> BookableAsync(CancellationToken ct)
    {
        var ahead = await _ahead.GetAsync(ct);
        var now = _clock.GetUtcNow();
        // The same limits as SlotGenerator applies, with the time of asking.
        var (earliest, latest) = (ahead.Calendar.AddWorkingTime(now, _rules.EarliestNotice), now + _rules.FurthestAhead);
        return ahead.Free.Where(s => s.Start >= earliest && s.Start <= latest);
    }

    public void Dispose() => _ahead.Dispose();

    private sealed record Ahead(IReadOnlyList<Slot> Free, WorkingCalendar Calendar);
}
