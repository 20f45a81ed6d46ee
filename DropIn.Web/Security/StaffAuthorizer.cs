using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace DropIn.Web.Security;

/// <summary>Checks a permission inside an application service, so a circuit or test that skips the page still meets the rule.</summary>
public sealed class StaffAuthorizer(IAuthorizationService authorization, Audit.AuditLog audit, ILogger<StaffAuthorizer> logger)
{
    public async Task<StaffMember> RequireAsync(ClaimsPrincipal user, string permission)
    {
        var result = await authorization.AuthorizeAsync(user, permission);
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (!result.Succeeded || id is null)
        {
            // Ids only in logs: never a name.
            logger.LogWarning("Refused {Permission} to user {UserId}", permission, id ?? "(anonymous)");
            await audit.RecordAsync(user, "refused", outcome: DropIn.Domain.Confidentiality.AuditOutcome.Refused, detail: permission);
            throw new ForbiddenException(permission);
        }

        return new StaffMember(id, user.FindFirstValue(StaffClaims.DisplayName) ?? user.Identity?.Name ?? id);
    }
}

public sealed record StaffMember(string Id, string DisplayName);

public static class StaffClaims
{
    public const string DisplayName = "dropin:display_name";

    /// <summary>One sign-in: the audit trail says which session did what, so one person's two tablets can be told apart.</summary>
    public const string Session = "dropin:session";

    /// <summary>When the password (and second factor) were last entered, in Unix seconds: exports ask for a recent one.</summary>
    public const string SignedInAt = "dropin:signed_in_at";
}
