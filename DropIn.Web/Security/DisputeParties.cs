using DropIn.Domain.Cases;
using DropIn.Domain.Confidentiality;
using DropIn.Web.Data;
using DropIn.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Security;

/// <summary>
/// The disputes not yet ended and the student records of their parties (and records merged into them), read once per
/// change and shared by every screen that lists many people (<see cref="InformationBarriers.LensAsync(System.Security.Claims.ClaimsPrincipal, CancellationToken)"/>):
/// each user's lens is worked out from it in memory. Stale at once when a dispute or a student record changes, on this
/// server or, through the bus, any other (<see cref="SharedRead{T}"/>).
/// </summary>
public sealed class DisputeParties : IDisposable
{
    private readonly SharedRead<ActiveDisputes> _active;

    public DisputeParties(IDbContextFactory<DropInDbContext> dbFactory, ILiveUpdates live, TimeProvider clock) =>
        _active = new SharedRead<ActiveDisputes>(live, change => change is DisputeChanged or StudentChanged, async ct =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var active = await db.Disputes.AsNoTracking().Where(d => d.EndedAt == null).ToListAsync(ct);
            if (active.Count == 0)
            {
                return ActiveDisputes.None;
            }

            var partyIds = active.SelectMany(d => d.Parties.Select(p => p.StudentId)).Distinct().ToList();
            var parties = await db.Students.AsNoTracking().Where(s => partyIds.Contains(s.Id) || (s.MergedIntoId != null && partyIds.Contains(s.MergedIntoId.Value))).ToListAsync(ct);
            return new ActiveDisputes(active, parties);
        }, TimeSpan.FromMinutes(1), clock);

    public Task<ActiveDisputes> GetAsync(CancellationToken ct = default) => _active.GetAsync(ct);

    public void Dispose() => _active.Dispose();
}

/// <param name="Parties">The parties' student records, and the records merged into a party's.</param>
public sealed record ActiveDisputes(IReadOnlyList<Dispute> Disputes, IReadOnlyList<Student> Parties)
{
    public static readonly ActiveDisputes None = new([], []);

    /// <summary>
    /// What <paramref name="staffId"/> sees through the barriers at <paramref name="at"/> (UTC): the students on the other
    /// side of each dispute they are on, and the records those students were merged into.
    /// </summary>
    public BarrierLens LensFor(string staffId, DateTimeOffset at)
    {
        if (Disputes.Count == 0)
        {
            return BarrierLens.None;
        }

        var blocked = InformationBarrier.BlockedStudents(Disputes, staffId, at).ToHashSet();
        blocked.UnionWith(Parties.Where(p => p.MergedIntoId is not null && blocked.Contains(p.Id)).Select(p => p.MergedIntoId!.Value));
        return new BarrierLens(blocked, Parties);
    }
}
