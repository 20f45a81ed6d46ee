using DropIn.Domain.Calendar;
using DropIn.Domain.Retention;
using DropIn.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Retention;

/// <summary>
/// The numbers-only log of the nightly destruction: one entry per night (<see cref="DestructionLogEntry.Night"/>),
/// however many runs the night had and on however many app servers. Each run adds what it destroyed in the transaction
/// that destroyed it, so the entry counts what went even when a run stopped part-way or two ran at once.
/// </summary>
internal static class DestructionLog
{
    /// <summary>The night a run started at <paramref name="now"/> belongs to: its London date.</summary>
    public static DateOnly NightOf(DateTimeOffset now) => LondonTime.Today(now);

    /// <summary>
    /// Makes sure the night has its entry before anything is destroyed. Another run may make it at the same moment:
    /// the unique night refuses one of the two inserts, and either way there is one entry.
    /// </summary>
    public static async Task OpenAsync(IDbContextFactory<DropInDbContext> dbFactory, DateTimeOffset now, int policyYears, CancellationToken ct)
    {
        var night = NightOf(now);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Set<DestructionLogEntry>().AnyAsync(e => e.Night == night, ct))
        {
            return;
        }

        db.Add(new DestructionLogEntry(now, night, policyYears));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            await using var again = await dbFactory.CreateDbContextAsync(ct);
            if (!await again.Set<DestructionLogEntry>().AnyAsync(e => e.Night == night, ct))
            {
                throw; // not another run's entry: a real fault
            }
        }
    }

    /// <summary>
    /// Adds <paramref name="counts"/> to the night's entry, in the caller's transaction when it has one. One UPDATE that
    /// adds to what is there, which every provider applies atomically, so two runs at once both count.
    /// </summary>
    public static Task AddAsync(DropInDbContext db, DateOnly night, DestructionCounts counts, CancellationToken ct) =>
        db.Set<DestructionLogEntry>().Where(e => e.Night == night).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.Students, e => e.Students + counts.Students)
            .SetProperty(e => e.Cases, e => e.Cases + counts.Cases)
            .SetProperty(e => e.Documents, e => e.Documents + counts.Documents)
            .SetProperty(e => e.OtherRecords, e => e.OtherRecords + counts.OtherRecords)
            .SetProperty(e => e.Remnants, e => e.Remnants + counts.Remnants), ct);
}
