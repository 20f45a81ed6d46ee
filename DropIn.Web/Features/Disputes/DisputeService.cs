using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Calendar;
using DropIn.Domain.Confidentiality;
using DropIn.Web.Data;
using DropIn.Web.Features.Cases;
using DropIn.Web.Live;
using DropIn.Web.Security;
using DropIn.Web.Security.Audit;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Disputes;

public sealed record DisputeSide(int Side, IReadOnlyList<(Guid StudentId, string Name)> Students, IReadOnlyList<StaffName> Staff);

/// <param name="YourSide">The side the user is on, if any: then another manager must change the dispute.</param>
public sealed record DisputeView(Dispute Dispute, IReadOnlyList<DisputeSide> Sides, int? YourSide);

/// <summary>
/// Disputes between students and the staff on each side: recorded and changed by managers only, effective at once. A
/// manager who is on a side of a dispute cannot change it (or could take themselves off and read the other side at
/// once): a manager on no side does.
/// </summary>
public sealed class DisputeService(IDbContextFactory<DropInDbContext> dbFactory, DataChanges changes, StaffAuthorizer authorizer, InformationBarriers barriers, TimeProvider clock, AuditLog audit)
{
    private static readonly ChangeOptions ChangedMeanwhile =
        ChangeOptions.Report("Someone else changed this dispute at the same moment; the page shows their change. Try again.");

    /// <summary>Two disputes recorded at once would take the same number (a unique index): the second takes the next.</summary>
    private static readonly ChangeOptions Numbering =
        ChangeOptions.Reapply("Another dispute was being recorded at the same moment; try again.");

    public async Task<IReadOnlyList<DisputeView>> ListAsync(ClaimsPrincipal user)
    {
        var manager = await authorizer.RequireAsync(user, Permissions.ManageDisputes);
        await using var db = await dbFactory.CreateDbContextAsync();
        var disputes = await db.Disputes.AsNoTracking().OrderByDescending(d => d.EndedAt == null).ThenByDescending(d => d.Number).ToListAsync();
        var studentIds = disputes.SelectMany(d => d.Parties.Select(p => p.StudentId)).Distinct().ToList();
        var students = await db.Students.AsNoTracking().Where(s => studentIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName);
        var staff = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        // A manager who is on a side is walled like anyone else: the other side's students show only as hidden.
        var blocked = await barriers.BlockedAsync(user);
        var now = clock.GetUtcNow();
        return [.. disputes.Select(d => new DisputeView(d, [.. Enumerable.Range(1, Math.Max(2, d.Parties.Select(p => p.Side).DefaultIfEmpty(0).Max())).Select(side => new DisputeSide(side,
            [.. d.Parties.Where(p => p.Side == side).Select(p => (p.StudentId, blocked.Contains(p.StudentId) ? InformationBarriers.HiddenText : students.GetValueOrDefault(p.StudentId, "(merged record)")))],
            [.. d.Assignments.Where(a => a.Side == side && a.ActiveAt(now)).Select(a => new StaffName(a.StaffId, staff.GetValueOrDefault(a.StaffId, "(former staff)")))]))],
            d.SideOf(manager.Id, now)))];
    }

    public Task<Dispute> OpenAsync(ClaimsPrincipal user, string title) => ChangeAsync(user, null, Numbering, async (db, staff, _, now) =>
    {
        var number = (await db.Disputes.MaxAsync(d => (int?)d.Number) ?? 0) + 1;
        var dispute = Dispute.Open(number, title, staff.Id, now);
        db.Disputes.Add(dispute);
        return dispute;
    });

    public async Task<Dispute> AddPartyAsync(ClaimsPrincipal user, Guid disputeId, Guid studentId, int side)
    {
        await authorizer.RequireAsync(user, Permissions.ManageDisputes);
        await barriers.RequireVisibleAsync(user, BarrierTarget.Student(studentId));
        return await ChangeAsync(user, disputeId, ChangedMeanwhile, (db, _, dispute, _) => AddPartyAsync(db, dispute!, studentId, side));
    }

    private static async Task<Dispute> AddPartyAsync(DropInDbContext db, Dispute dispute, Guid studentId, int side)
    {
        if (!await db.Students.AnyAsync(s => s.Id == studentId && s.MergedIntoId == null))
        {
            throw new RuleException("That student record does not exist.");
        }

        var openCase = await db.Cases.Where(c => c.StudentId == studentId && c.Status == Domain.Cases.CaseStatus.Open).OrderByDescending(c => c.OpenedAt).Select(c => (Guid?)c.Id).FirstOrDefaultAsync();
        dispute.AddParty(studentId, side, openCase);
        await RefuseCaseworkersAcrossAsync(db, dispute);
        return dispute;
    }

    public Task<Dispute> AssignAsync(ClaimsPrincipal user, Guid disputeId, string staffId, int side) => ChangeAsync(user, disputeId, ChangedMeanwhile, async (db, _, dispute, now) =>
    {
        var caseStaff = await db.IdsInRolesAsync([Roles.Caseworker, Roles.Manager]);
        if (!caseStaff.Contains(staffId))
        {
            throw new RuleException("Only caseworkers and managers work on a side of a dispute.");
        }

        dispute!.Assign(staffId, side, now);
        await RefuseCaseworkersAcrossAsync(db, dispute);
        return dispute;
    });

    public Task<Dispute> UnassignAsync(ClaimsPrincipal user, Guid disputeId, string staffId) => ChangeAsync(user, disputeId, ChangedMeanwhile, (_, _, dispute, now) =>
    {
        dispute!.Unassign(staffId, now);
        return Task.FromResult(dispute);
    });

    public Task<Dispute> EndAsync(ClaimsPrincipal user, Guid disputeId) => ChangeAsync(user, disputeId, ChangedMeanwhile, (_, _, dispute, now) =>
    {
        dispute!.End(now);
        return Task.FromResult(dispute);
    });

    /// <summary>Who could see a case (by reference) at the end of a London date: staff whose role lets them see cases, less anyone walled off then.</summary>
    public async Task<IReadOnlyList<StaffName>> WhoCouldSeeAsync(ClaimsPrincipal user, string reference, DateOnly date)
    {
        await authorizer.RequireAsync(user, Permissions.ManageDisputes);
        var number = Domain.Cases.Case.ParseReference(reference);

        await using var db = await dbFactory.CreateDbContextAsync();
        var caseId = await db.Cases.Where(c => c.Number == number).Select(c => (Guid?)c.Id).SingleOrDefaultAsync() ?? throw new RuleException($"There is no case {Domain.Cases.Case.ReferenceOf(number)}.");
        await barriers.RequireVisibleAsync(user, BarrierTarget.Case(caseId));
        var found = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId);
        var at = LondonTime.ToInstant(date.AddDays(1), TimeOnly.MinValue).AddTicks(-1);
        var disputes = await db.Disputes.AsNoTracking().Where(d => d.Parties.Any(p => p.StudentId == found.StudentId)).ToListAsync();
        var caseStaff = await db.IdsInRolesAsync([Roles.Caseworker, Roles.Manager]);
        var staff = await db.Users.AsNoTracking().Where(u => caseStaff.Contains(u.Id)).OrderBy(u => u.DisplayName).Select(u => new StaffName(u.Id, u.DisplayName)).ToListAsync();
        await audit.RecordAsync(user, "dispute.who-could-see", "Case", found.Id.ToString(), detail: date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return [.. staff.Where(s => !InformationBarrier.Blocks(disputes, s.Id, found.StudentId, at))];
    }

    public async Task<IReadOnlyList<StaffName>> StaffAsync(ClaimsPrincipal user)
    {
        await authorizer.RequireAsync(user, Permissions.ManageDisputes);
        await using var db = await dbFactory.CreateDbContextAsync();
        var ids = await db.IdsInRolesAsync([Roles.Caseworker, Roles.Manager]);
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).OrderBy(u => u.DisplayName).Select(u => new StaffName(u.Id, u.DisplayName)).ToListAsync();
    }

    /// <summary>
    /// A caseworker already on one party's case cannot be put on another side (they have seen that party's file);
    /// the manager moves the case to a colleague first.
    /// </summary>
    private static async Task RefuseCaseworkersAcrossAsync(DropInDbContext db, Dispute dispute)
    {
        foreach (var party in dispute.Parties)
        {
            var caseworkers = await db.Cases.AsNoTracking().Where(c => c.StudentId == party.StudentId && c.Status == Domain.Cases.CaseStatus.Open)
                .SelectMany(c => c.Caseworkers.Select(w => w.StaffId)).ToListAsync();
            foreach (var assignment in dispute.Assignments.Where(a => a.Until is null && a.Side != party.Side && caseworkers.Contains(a.StaffId)))
            {
                throw new RuleException($"A member of staff on side {assignment.Side} is a caseworker on an open case of a student on side {party.Side}. Move that case to a colleague first.");
            }
        }
    }

    private async Task<Dispute> ChangeAsync(ClaimsPrincipal user, Guid? disputeId, ChangeOptions onConflict, Func<DropInDbContext, StaffMember, Dispute?, DateTimeOffset, Task<Dispute>> change)
    {
        var staff = await authorizer.RequireAsync(user, Permissions.ManageDisputes);
        return await changes.RunAsync(onConflict, async scope =>
        {
            var dispute = disputeId is { } id ? await scope.Db.Disputes.SingleOrDefaultAsync(d => d.Id == id) ?? throw new RuleException("That dispute does not exist.") : null;
            // The dispute's own barrier: who is on a side is in the row, so it is checked as soon as it is read, before anything changes.
            if (dispute is not null && dispute.SideOf(staff.Id, scope.Now) is { } side)
            {
                await barriers.RefuseAsync(user, "Dispute", dispute.Id.ToString(), $"You are on side {side} of {dispute.Reference}, so another manager (on no side of it) must change it.");
            }

            var result = await change(scope.Db, staff, dispute, scope.Now);
            scope.Audit(user, "dispute.change", "Dispute", result.Id.ToString());
            scope.Publish(new DisputeChanged(result.Id));
            return result;
        });
    }
}
