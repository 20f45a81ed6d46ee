using DropIn.Domain.Confidentiality;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace DropIn.Web.Security.Audit;

/// <summary>Records every request a signed-in member of staff was refused (a page, a download, an endpoint), then refuses it as usual.</summary>
internal sealed class AuditingAuthorizationResultHandler(AuditLog audit) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            // The path holds ids at most (e.g. a case id), never a name.
            await audit.RecordAsync(context.User, "refused", "Request", context.Request.Path.Value, AuditOutcome.Refused,
                context.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeData>()?.Policy);
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
