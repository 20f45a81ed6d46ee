using System.Security.Claims;
using System.Text;
using DropIn.Domain;
using DropIn.Web.Security;

namespace DropIn.Web.Features.SubjectAccess;

public static class SubjectAccessSetup
{
    public static WebApplicationBuilder AddDropInSubjectAccess(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SubjectAccessService>();
        return builder;
    }

    public static WebApplication MapDropInSubjectAccess(this WebApplication app)
    {
        app.MapGet("/subject-access/{id:guid}/export.json", (Guid id, ClaimsPrincipal user, SubjectAccessService service, HttpContext http) => ExportAsync(id, "json", user, service, http))
            .RequireAuthorization(Permissions.ManageSubjectAccess);
        app.MapGet("/subject-access/{id:guid}/export.html", (Guid id, ClaimsPrincipal user, SubjectAccessService service, HttpContext http) => ExportAsync(id, "html", user, service, http))
            .RequireAuthorization(Permissions.ManageSubjectAccess);
        return app;
    }

    public static string ExportPath(Guid id, string format) => $"/subject-access/{id}/export.{format}";

    /// <summary>
    /// A student's whole record leaving the system: only after a recent sign-in, always a download (never shown inline or
    /// cached), under a neutral name (the request number, never the student's name).
    /// </summary>
    private static async Task<IResult> ExportAsync(Guid id, string format, ClaimsPrincipal user, SubjectAccessService service, HttpContext http)
    {
        if (RecentSignIn.Demand(http) is { } confirm)
        {
            return confirm;
        }

        SubjectAccessExport? export;
        try
        {
            export = await service.ExportAsync(user, id, format);
        }
        catch (ForbiddenException)
        {
            return Results.Forbid();
        }
        catch (RuleException ex)
        {
            return Results.Text(ex.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status409Conflict);
        }

        if (export is null)
        {
            return Results.NotFound();
        }

        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        var name = $"subject-access-{export.Reference}.{format}";
        return format == "json"
            ? FileDownloads.Attachment(export.Json, "application/json", name)
            : FileDownloads.Attachment(Encoding.UTF8.GetBytes(export.Html), "text/html; charset=utf-8", name);
    }
}
