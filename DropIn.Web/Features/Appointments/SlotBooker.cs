using DropIn.Domain.Appointments;
using DropIn.Domain.Calendar;
using DropIn.Web.Data;
using DropIn.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DropIn.Web.Features.Appointments;

/// <summary>
/// The one place that writes an appointment's time, for every path: a student's hold, staff booking for a student,
/// and moves by staff and by students. No two appointments of one caseworker may overlap (not only share a start),
/// and rules counted across rows (the booking limit) are counted in the same transaction as the write.
/// </summary>
/// <remarks>
/// Atomicity: <see cref="BeginAsync"/> opens the transaction before anything is read. On SQLite that transaction is
/// IMMEDIATE (Microsoft.Data.Sqlite's <c>BeginTransaction</c> takes the write lock at once), so only one writer is
/// inside at a time and the check below and the write after it cannot interleave with another's. PostgreSQL does not
/// serialise like that: a port must take a row lock in <see cref="BeginAsync"/> on what the check reads (the
/// caseworker's row, <c>SELECT … FOR UPDATE</c>, and for the limit the student's key, e.g. an advisory lock), or the
/// overlap check becomes check-then-act again. The unique slot key stays as a second line of defence.
/// </remarks>
public static class SlotBooker
{
    /// <summary>
    /// Stores <paramref name="create"/>'s appointment (and whatever else it tracks or queues) in the first candidate
    /// slot whose caseworker is free for the whole of it; <paramref name="create"/> runs inside the transaction, so what
    /// it counts (the limit) holds when the appointment is written. Open diaries are told of the new appointment.
    /// </summary>
    /// <returns>The stored appointment, or null when every candidate was taken.</returns>
    /// <exception cref="Domain.RuleException">Whatever <paramref name="create"/> refuses (withdrawn, over the limit).</exception>
    public static async Task<Appointment?> BookFirstFreeAsync(
        DataChanges changes,
        IEnumerable<Slot> candidates,
        Func<ChangeScope, Slot, Task<Appointment>> create,
        CancellationToken ct = default)
    {
        foreach (var slot in candidates)
        {
            // A lost race (the unique slot key, or a concurrent expiry) gives way: the time counts as taken and the next
            // caseworker's is tried. Only possible where the transaction does not serialise writers.
            var booked = await changes.RunAsync(ChangeOptions.GiveWay(), async scope =>
            {
                if (!await IsFreeAsync(scope.Db, slot, scope.Now, moving: null, ct))
                {
                    return null; // Taken (or overlapped) between reading the free times and now: try the next caseworker.
                }

                var appointment = await create(scope, slot);
                scope.Db.Appointments.Add(appointment);
                scope.Publish(new DiaryChanged(LondonTime.Today(slot.Start)));
                return appointment;
            }, ct);
            if (booked is not null)
            {
                return booked;
            }
        }

        return null;
    }

    /// <summary>
    /// Opens the transaction every appointment-time write runs in; see the remarks on <see cref="SlotBooker"/> for
    /// why it is enough on SQLite and what PostgreSQL needs added here.
    /// </summary>
    public static Task<IDbContextTransaction> BeginAsync(DropInDbContext db, CancellationToken ct = default) =>
        DataChanges.BeginSerialisedAsync(db, ct);

    /// <summary>
    /// Whether the slot's caseworker has nothing else in [start, end): no other appointment that keeps its time
    /// (<see cref="Appointment.KeepsTimeAt"/>). Holds past their time that overlap give way here, at once. Call it
    /// inside <see cref="BeginAsync"/>'s transaction, and write before committing.
    /// </summary>
    /// <param name="moving">The appointment being moved, which does not stand in its own way.</param>
    public static async Task<bool> IsFreeAsync(DropInDbContext db, Slot slot, DateTimeOffset now, Guid? moving, CancellationToken ct = default)
    {
        var overlapping = await db.Appointments
            .Where(a => a.StaffId == slot.StaffId && a.SlotKey != null && a.Id != moving && a.Start < slot.End && a.End > slot.Start)
            .ToListAsync(ct);
        var stale = overlapping.Where(a => !a.KeepsTimeAt(now)).ToList();
        if (stale.Count > 0)
        {
            stale.ForEach(a => a.Expire(now));
            await db.SaveChangesAsync(ct);
        }

        return overlapping.Count == stale.Count;
    }
}
