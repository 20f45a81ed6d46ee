using MudBlazor;

namespace DropIn.Web.Components.Shared;

public static class DialogPrompts
{
    /// <summary>
    /// Asks before an action that destroys, ends or creates something that cannot simply be undone: the message
    /// says what will happen, and only the confirm button (named for the action) goes on. True when confirmed.
    /// </summary>
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string message, string confirm, string cancel = "Cancel") =>
        await dialogs.ShowMessageBoxAsync(title, message, yesText: confirm, cancelText: cancel) == true;

    /// <summary>Asks for a short required text (a reason, a time); null when the user cancels.</summary>
    public static async Task<string?> PromptAsync(this IDialogService dialogs, string title, string prompt, string label, string confirm, string initialText = "", int maxLength = 200, int lines = 1)
    {
        var dialog = await dialogs.ShowAsync<TextPromptDialog>(title, new DialogParameters<TextPromptDialog>
        {
            { d => d.Prompt, prompt },
            { d => d.Label, label },
            { d => d.ConfirmText, confirm },
            { d => d.InitialText, initialText },
            { d => d.MaxLength, maxLength },
            { d => d.Lines, lines },
        }, lines > 1 ? new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true } : null);
        return await dialog.Result is { Canceled: false, Data: string text } ? text : null;
    }
}
