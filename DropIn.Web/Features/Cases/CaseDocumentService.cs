using System.Security.Claims;
using System.Security.Cryptography;
using DropIn.Domain;
using DropIn.Domain.Cases;
using DropIn.Web.Data;
using DropIn.Web.Live;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace DropIn.Web.Features.Cases;

/// <summary>Files on a case: upload (checked by content, size enforced on the bytes themselves), list and download.</summary>
public sealed class CaseDocumentService(
    IDbContextFactory<DropInDbContext> dbFactory, DataChanges changes, CaseAccess access, InformationBarriers barriers, DocumentStore store, TimeProvider clock, ILogger<CaseDocumentService> logger, Security.Audit.AuditLog audit)
{
    /// <summary>
    /// The upload counts as involvement with the student (retention runs from it): a concurrent edit of the student is
    /// re-applied, and only if it keeps conflicting is the file not kept.
    /// </summary>
    private static readonly ChangeOptions Upload =
        ChangeOptions.Reapply("The student's record was being changed at the same moment, so the file was not kept. Upload it again.") with { MaxAttempts = 3 };

    /// <summary>
    /// Stores the file and records it on the case's timeline. <paramref name="size"/> is what the browser declared; the
    /// bytes must match it and stay within <see cref="DocumentRules.MaxBytes"/>, or nothing is kept.
    /// </summary>
    public async Task<CaseDocument> UploadAsync(ClaimsPrincipal user, Guid caseId, string fileName, long size, Stream content, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (staff, found) = await access.RequireAsync(db, user, caseId, Permissions.EditCases);
        found.RequireOpen();

        var head = new byte[DocumentRules.HeadLength];
        var headLength = await DocumentStore.ReadHeadAsync(content, head, ct);
        var now = clock.GetUtcNow();
        var document = CaseDocument.Accept(caseId, fileName, size, head.AsSpan(0, headLength), staff.Id, now);

        var written = await store.WriteAsync(caseId, document.StoredName, head.AsMemory(0, headLength), content, ct);
        try
        {
            if (written != size)
            {
                throw new RuleException("The file did not arrive whole, so it was not uploaded. Try again.");
            }

            await changes.RunAsync(Upload, async scope =>
            {
                scope.Db.CaseDocuments.Add(document);
                scope.Db.TimelineEntries.Add(TimelineEntry.Record(caseId, new EntryDraft(EntryKind.Document, Text: "", DocumentId: document.Id), [], null, staff.Id, now));
                (await scope.Db.Students.SingleAsync(s => s.Id == found.StudentId, ct)).RecordInvolvement(now);
                scope.Audit(user, "document.upload", "Document", document.Id.ToString(), $"case {caseId}");
                scope.Publish(new CaseChanged(caseId));
            }, ct);
        }
        catch
        {
            store.Delete(caseId, document.StoredName);
            throw;
        }

        logger.LogInformation("Document {DocumentId} ({Bytes} bytes) added to case {CaseId}", document.Id, written, caseId);
        return document;
    }

    public async Task<IReadOnlyList<DocumentRow>> ListAsync(ClaimsPrincipal user, Guid caseId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await access.RequireAsync(db, user, caseId, Permissions.ViewCases);
        var documents = await db.CaseDocuments.AsNoTracking().Where(d => d.CaseId == caseId).ToListAsync();
        // Made safe again on the way out: a name stored before the rule covered bidi controls must not display reversed.
        var uploaders = documents.Select(d => d.UploadedBy).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => uploaders.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        return [.. documents.OrderByDescending(d => d.UploadedAt)
            .Select(d => new DocumentRow(d.Id, DocumentRules.SafeName(d.FileName), d.Type, d.Size, d.UploadedAt, names.GetValueOrDefault(d.UploadedBy, "(former staff)")))];
    }

    /// <summary>The document and its bytes, or null when the case has no such document. The caller disposes the stream.</summary>
    public async Task<OpenedDocument?> OpenAsync(ClaimsPrincipal user, Guid caseId, Guid documentId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await access.RequireAsync(db, user, caseId, Permissions.ViewCases);
        await barriers.RequireVisibleAsync(user, BarrierTarget.Document(documentId));
        var document = await db.CaseDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == documentId && d.CaseId == caseId);
        if (document is null)
        {
            return null;
        }

        await audit.RecordAsync(user, "document.download", "Document", documentId.ToString(), detail: $"case {caseId}");
        try
        {
            return new OpenedDocument(document, await store.OpenReadAsync(caseId, document.StoredName));
        }
        catch (CryptographicException)
        {
            // The data folder was restored without the keys that encrypted this file; the file itself is intact.
            logger.LogError("Document {DocumentId} on case {CaseId} cannot be decrypted: its key is not in the key ring", documentId, caseId);
            return null;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            // A row without its file means the data folder was restored without it: worth an alert, not a broken page.
            logger.LogError("Document {DocumentId} on case {CaseId} has no file in the data folder", documentId, caseId);
            return null;
        }
    }
}

public sealed record DocumentRow(Guid Id, string FileName, DocumentType Type, long Size, DateTimeOffset UploadedAt, string UploadedBy);

public sealed record OpenedDocument(CaseDocument Document, Stream Content);
