using DropIn.Domain.Appointments;
using DropIn.Domain.Calendar;
using DropIn.Domain.Queue;
using DropIn.Web.Data;
using DropIn.Web.Features.Queue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Features.Appointments;

/// <summary>Reads who is available when (windows, leave, closures, drop-in sessions and rota, bookings) and asks the domain for free slots.</summary>
public sealed class SlotFinder(IOptions<AppointmentOptions> options, IOptions<QueueOptions> queueOptions)
{
    private readonly DropInSchedule _dropIn = queueOptions.Value.Schedule();

    /// <summary>Students: the booking rules apply in full.</summary>
    public BookingRules StudentRules => options.Value.Rules();

    /// <summary>Staff booking for a student may take any future free time, however soon or far.</summary>
    public BookingRules StaffRules => StudentRules with { EarliestNotice = TimeSpan.Zero, FurthestAhead = TimeSpan.FromDays(366) };

    public async Task<IReadOnlyList<Slot>> FreeSlotsAsync(DropInDbContext db, BookingRules rules, DateTimeOffset now, DateOnly from, DateOnly to, Guid? ignoring = null, CancellationToken ct = default)
    {
        var staff = await db.Users.AsNoTracking().Where(u => u.TakesAppointments).Select(u => new { u.Id, u.StaffsDropIn }).ToListAsync(ct);
        var ids = staff.Select(s => s.Id).ToList();
        var windows = await db.CaseworkerWindows.AsNoTracking().Where(w => ids.Contains(w.StaffId)).ToListAsync(ct);
        var leave = await db.CaseworkerLeave.AsNoTracking().Where(l => ids.Contains(l.StaffId) && l.To >= from && l.From <= to).ToListAsync(ct);
        var calendar = await db.WorkingCalendarAsync(from, to, ct);
        var busy = await BusyAsync(db, now, from, to, ignoring, ct);
        // The sessions as stored (an extra session, an early opening) block those who staff them; the schedule covers days ahead.
        var sessions = await db.DropInSessions.AsNoTracking().Where(s => s.Date >= from && s.Date <= to).ToListAsync(ct);
        var generator = new SlotGenerator(calendar, new DropInTimetable(_dropIn, sessions), rules);
        var people = staff.Select(s => new StaffAvailability(
            s.Id,
            [.. windows.Where(w => w.StaffId == s.Id).Select(w => w.ToWindow())],
            [.. leave.Where(l => l.StaffId == s.Id).Select(l => l.ToLeave())],
            s.StaffsDropIn));
        return generator.FreeSlots(people, busy, now, from, to);
    }

    /// <summary>Where an in-person appointment with this caseworker happens: their room.</summary>
    public static string? RoomOf(DropInDbContext db, string staffId) =>
        db.Users.Where(u => u.Id == staffId).Select(u => u.Room).SingleOrDefault();

    /// <summary>Times already taken; a hold past its expiry no longer counts.</summary>
    private static async Task<List<BusyPeriod>> BusyAsync(DropInDbContext db, DateTimeOffset now, DateOnly from, DateOnly to, Guid? ignoring, CancellationToken ct)
    {
        var start = LondonTime.ToInstant(from, TimeOnly.MinValue);
        var end = LondonTime.ToInstant(to.AddDays(1), TimeOnly.MinValue);
        var rows = await db.Appointments.AsNoTracking()
            .Where(a => a.SlotKey != null && a.Start < end && a.End > start && a.Id != ignoring)
            .Select(a => new { a.StaffId, a.Start, a.End, a.Status, a.HoldExpiresAt })
            .ToListAsync(ct);
        return [.. rows.Where(r => r.Status is not (AppointmentStatus.PendingConfirmation or AppointmentStatus.Declined) || r.HoldExpiresAt > now).Select(r => new BusyPeriod(r.StaffId, r.Start, r.End))];
    }
}
