using System.Security.Claims;
using DropIn.Domain;
using DropIn.Web.Data;
using DropIn.Web.Security;
using Microsoft.AspNetCore.DataProtection;

namespace DropIn.Web.Features.Cases;

public static class CasesSetup
{
    public static WebApplicationBuilder AddDropInCases(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CaseOptions>().BindConfiguration(CaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<CaseAccess>();
        builder.Services.AddScoped<CaseService>();
        builder.Services.AddScoped<CaseWorkService>();
        builder.Services.AddScoped<CaseClosingService>();
        builder.Services.AddSingleton<CaseDeadlineReminders>();
        builder.Services.AddSingleton<ConsentRenewalPrompts>();
        builder.Services.AddSingleton<CaseFollowUps>();
        builder.Services.AddScoped<CaseDocumentService>();
        builder.Services.AddScoped<CaseListsService>();
        // Beside the database, so a backup of the data folder takes a case's files with its rows.
        var documents = Path.Combine(DataFolder.Resolve(builder), "documents");
        builder.Services.AddSingleton(services => new DocumentStore(documents, services.GetRequiredService<IDataProtectionProvider>()));
        return builder;
    }

    public static WebApplication MapDropInCases(this WebApplication app)
    {
        app.MapGet(DocumentPath("{caseId:guid}", "{documentId:guid}"), DownloadAsync).RequireAuthorization(Permissions.ViewCases);
        return app;
    }

    public static string DownloadPath(Guid caseId, Guid documentId) => DocumentPath(caseId.ToString(), documentId.ToString());

    private static string DocumentPath(string caseId, string documentId) => $"/cases/{caseId}/documents/{documentId}";

    /// <summary>
    /// Always a download, never shown inline, and never sniffed as another type: an uploaded file is the student's
    /// paperwork, not something the app should let a browser run.
    /// </summary>
    private static async Task<IResult> DownloadAsync(Guid caseId, Guid documentId, ClaimsPrincipal user, CaseDocumentService documents, HttpContext http)
    {
        OpenedDocument? opened;
        try
        {
            opened = await documents.OpenAsync(user, caseId, documentId);
        }
        catch (ForbiddenException)
        {
            return Results.Forbid();
        }
        catch (RuleException)
        {
            return Results.NotFound();
        }

        if (opened is null)
        {
            return Results.NotFound();
        }

        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "no-store";
        return FileDownloads.Attachment(opened.Content, opened.Document.ContentType, opened.Document.FileName);
    }
}
