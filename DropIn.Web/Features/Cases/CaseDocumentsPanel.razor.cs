using System.Globalization;
using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Cases;
using DropIn.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace DropIn.Web.Features.Cases;

/// <summary>
/// A case's documents with download links and, for those who may edit the case, an upload button. The case page owns the
/// live-update subscription: it calls <see cref="ReloadAsync"/> when the case changes elsewhere.
/// </summary>
public partial class CaseDocumentsPanel
{
    private IReadOnlyList<DocumentRow>? _documents;
    private MudFileUpload<IBrowserFile>? _upload;
    private bool _uploading;
    private ClaimsPrincipal _user = new();
    private Guid _loadedFor;

    [Parameter, EditorRequired] public required Guid CaseId { get; set; }
    [Parameter] public bool CanEdit { get; set; }

    /// <summary>Raised after a document was added, so the page can redraw the timeline.</summary>
    [Parameter] public EventCallback Changed { get; set; }

    [Inject] public required CaseDocumentService Documents { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        if (_documents is null || _loadedFor != CaseId)
        {
            _user = User;
            await ReloadAsync();
        }
    }

    public async Task ReloadAsync()
    {
        _loadedFor = CaseId;
        _documents = await Documents.ListAsync(_user, CaseId);
        StateHasChanged();
    }

    private async Task UploadAsync(InputFileChangeEventArgs e)
    {
        var file = e.File;
        _uploading = true;
        try
        {
            await ActAsync(async () =>
            {
                // No limit here on purpose: the service enforces DocumentRules.MaxBytes on the bytes and says so in its own words.
                await using var content = file.OpenReadStream(long.MaxValue);
                var document = await Documents.UploadAsync(_user, CaseId, file.Name, file.Size, content);
                Snackbar.Add($"Added {document.FileName}", Severity.Success);
                await ReloadAsync();
                await Changed.InvokeAsync();
            });
        }
        catch (IOException)
        {
            // The browser's file stream broke off (the connection dropped mid-upload): not a refusal, and nothing was kept.
            Snackbar.Add("The upload was interrupted, so nothing was kept. Try again.", Severity.Error);
        }
        finally
        {
            _uploading = false;
            if (_upload is not null)
            {
                // So choosing the same file again (after renaming or rescanning it) uploads again.
                await _upload.ClearAsync();
            }
        }
    }

    private static string TypeName(DocumentType type) => type switch
    {
        DocumentType.Pdf => "PDF",
        DocumentType.Word => "Word",
        DocumentType.LegacyWord => "Word (old format)",
        DocumentType.Jpeg => "Photo (JPEG)",
        DocumentType.Png => "Image (PNG)",
        _ => "Photo (HEIC)",
    };

    private static string Icon(DocumentType type) => type switch
    {
        DocumentType.Pdf => Icons.Material.Filled.PictureAsPdf,
        DocumentType.Word or DocumentType.LegacyWord => Icons.Material.Filled.Description,
        _ => Icons.Material.Filled.Image,
    };

    private static string SizeText(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0.0} MB"),
    };
}
