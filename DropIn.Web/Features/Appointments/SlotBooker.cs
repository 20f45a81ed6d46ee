using DropIn.Domain.Appointments;
using DropIn.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Appointments;

/// <summary>
/// Stores an appointment in a time, relying on the database's unique slot key: of any number of simultaneous
/// attempts at one caseworker's time, exactly one insert succeeds; the rest try the next caseworker free then.
/// </summary>
public static class SlotBooker
{
    /// <summary>Saves <paramref name="create"/>'s appointment (and whatever else is tracked) in the first candidate slot that is still free.</summary>
    /// <returns>The stored appointment, or null when every candidate was taken.</returns>
    public static async Task<Appointment?> BookFirstFreeAsync(
        IDbContextFactory<DropInDbContext> dbFactory,
        IEnumerable<Slot> candidates,
        DateTimeOffset now,
        Func<DropInDbContext, Slot, Appointment> create,
        CancellationToken ct = default)
    {
        foreach (var slot in candidates)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await ReleaseExpiredHoldAsync(db, Appointment.KeyOf(slot.StaffId, slot.Start), now, ct);
            var appointment = create(db, slot);
            db.Appointments.Add(appointment);
            try
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return appointment;
            }
            catch (DbUpdateException)
            {
                // Taken between reading the free times and writing: try the next caseworker at that time.
            }
        }

        return null;
    }

    /// <summary>An unconfirmed hold past its time gives way at once, without waiting for the expiry job.</summary>
    private static async Task ReleaseExpiredHoldAsync(DropInDbContext db, string slotKey, DateTimeOffset now, CancellationToken ct)
    {
        var stale = await db.Appointments.SingleOrDefaultAsync(a => a.SlotKey == slotKey && a.Status == AppointmentStatus.PendingConfirmation && a.HoldExpiresAt < now, ct);
        if (stale is not null)
        {
            stale.Expire(now);
            await db.SaveChangesAsync(ct);
        }
    }
}
