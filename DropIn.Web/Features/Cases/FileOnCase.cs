using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DropIn.Web.Features.Cases;

public static class FileOnCase
{
    /// <summary>
    /// Shows the one-step dialog; the result says where the item was filed, or null if cancelled. With
    /// <paramref name="requireCase"/> it must go on a case (not only the student's record), e.g. for a visit finishing as "case opened".
    /// </summary>
    public static async Task<FiledOn?> FileOnCaseAsync(this IDialogService dialogs, LinkSource source, bool requireCase = false)
    {
        var dialog = await dialogs.ShowAsync<FileOnCaseDialog>("Open or add to a case", new DialogParameters<FileOnCaseDialog> { { d => d.Source, source }, { d => d.RequireCase, requireCase } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        return await dialog.Result is { Canceled: false, Data: FiledOn filed } ? filed : null;
    }

    /// <summary>The dialog, then a message saying where it went with a button to open it; the caller's page stays put.</summary>
    public static async Task<FiledOn?> FileOnCaseAsync(this IDialogService dialogs, LinkSource source, ISnackbar snackbar, NavigationManager navigation)
    {
        var filed = await dialogs.FileOnCaseAsync(source);
        if (filed is not null)
        {
            snackbar.Add(filed.CaseId is null ? "Linked to the student's record" : "Filed on the case", Severity.Success, options =>
            {
                options.Action = "Open";
                options.OnClick = _ =>
                {
                    navigation.NavigateTo(filed.Link);
                    return Task.CompletedTask;
                };
            });
        }

        return filed;
    }
}
