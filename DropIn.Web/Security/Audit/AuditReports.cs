using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Confidentiality;
using DropIn.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Security.Audit;

public sealed record AuditRow(long Sequence, DateTimeOffset At, string Who, string Action, string? Record, AuditOutcome Outcome, string? Detail, string? Session);

/// <summary>What a manager may ask of the audit trail: is it intact, who accessed a case, who was refused.</summary>
public sealed class AuditReports(IDbContextFactory<DropInDbContext> dbFactory, StaffAuthorizer authorizer, InformationBarriers barriers, AuditLog audit)
{
    public async Task<AuditVerification> VerifyAsync(ClaimsPrincipal user)
    {
        await authorizer.RequireAsync(user, Permissions.ViewAudit);
        var result = await audit.VerifyAsync();
        await audit.RecordAsync(user, "audit.verify", outcome: result.Intact ? AuditOutcome.Allowed : AuditOutcome.Failed, detail: result.BrokenAt?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return result;
    }

    /// <summary>Every view, change, upload and download of one case (by its reference, e.g. C0042), oldest first.</summary>
    public async Task<IReadOnlyList<AuditRow>> CaseAccessAsync(ClaimsPrincipal user, string reference)
    {
        await authorizer.RequireAsync(user, Permissions.ViewAudit);
        var number = Domain.Cases.Case.ParseReference(reference);

        await using var db = await dbFactory.CreateDbContextAsync();
        var caseId = await db.Cases.Where(c => c.Number == number).Select(c => (Guid?)c.Id).SingleOrDefaultAsync() ?? throw new RuleException($"There is no case {Domain.Cases.Case.ReferenceOf(number)}.");
        // Who worked on the other side's case is the other side's business: a manager on no side answers it.
        await barriers.RequireVisibleAsync(user, BarrierTarget.Case(caseId));
        var id = caseId.ToString();
        var onCase = $"case {id}";
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(e => (e.RecordType == "Case" && e.RecordId == id) || e.Detail == onCase || e.RecordId == "/cases/" + id)
            .OrderBy(e => e.Sequence).ToListAsync();
        await audit.RecordAsync(user, "audit.case-access", "Case", id);
        return await RowsAsync(db, entries);
    }

    public async Task<IReadOnlyList<AuditRow>> RecentRefusalsAsync(ClaimsPrincipal user, int count = 50)
    {
        await authorizer.RequireAsync(user, Permissions.ViewAudit);
        await using var db = await dbFactory.CreateDbContextAsync();
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.Outcome != AuditOutcome.Allowed)
            .OrderByDescending(e => e.Sequence).Take(count).ToListAsync();
        return await RowsAsync(db, entries);
    }

    private static async Task<IReadOnlyList<AuditRow>> RowsAsync(DropInDbContext db, List<AuditEntry> entries)
    {
        var actors = entries.Select(e => e.ActorId).OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => actors.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        return [.. entries.Select(e => new AuditRow(e.Sequence, e.At, e.ActorId is null ? "(nobody signed in)" : names.GetValueOrDefault(e.ActorId, "(former staff)"),
            e.Action, e.RecordType is null ? null : $"{e.RecordType} {e.RecordId}", e.Outcome, e.Detail, e.SessionId?[..8]))];
    }
}
