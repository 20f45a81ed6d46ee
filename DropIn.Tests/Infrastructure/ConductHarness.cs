using System.Security.Claims;
using DropIn.Domain.Cases;
using DropIn.Domain.Conduct;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Conduct;

namespace DropIn.Tests.Infrastructure;

/// <summary>Withdrawal of service the way a manager does it: incident, warning, notice, decision.</summary>
public static class ConductHarness
{
    public static async Task<Withdrawal> WithdrawAsync(AppFactory app, ClaimsPrincipal reception, ClaimsPrincipal manager, Guid studentId, DateTimeOffset now)
    {
        var signpost = await app.UseAsync<CaseListsService, Signpost>(l => l.AddSignpostAsync(manager, $"Citizens Advice {Guid.NewGuid():N}", null, null));
        var decision = new WithdrawalDecision(IncidentKind.AggressiveLanguage, "You shouted at reception staff on 23 November.", new DateOnly(2027, 5, 23), null, signpost.Id, null, LetterDelivery.Email);
        await app.UseAsync<ConductService, ConductIncident>(c => c.RecordIncidentAsync(reception, studentId, IncidentKind.AggressiveLanguage, now.AddMinutes(-30), "Shouted at the desk."));
        var warning = await app.UseAsync<ConductService, string>(c => c.DraftWarningAsync(manager, studentId, IncidentKind.AggressiveLanguage));
        await app.UseAsync<ConductService, ConductWarning>(c => c.IssueWarningAsync(manager, studentId, IncidentKind.AggressiveLanguage, warning, LetterDelivery.Email));
        var notice = await app.UseAsync<ConductService, string>(c => c.DraftNoticeAsync(manager, studentId, decision));
        return await app.UseAsync<ConductService, Withdrawal>(c => c.WithdrawAsync(manager, studentId, decision, notice));
    }
}
