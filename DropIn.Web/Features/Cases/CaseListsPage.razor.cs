using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Cases;
using DropIn.Web.Components.Shared;
using DropIn.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace DropIn.Web.Features.Cases;

/// <summary>Managers keep the case categories and the referral directory here. Only managers see it, so it does not update live.</summary>
public partial class CaseListsPage
{
    private IReadOnlyList<CaseCategory>? _categories;
    private IReadOnlyList<Signpost>? _signposts;
    private ClaimsPrincipal _user = new();

    [Inject] public required CaseListsService Lists { get; init; }
    [Inject] public required IDialogService Dialogs { get; init; }

    protected override async Task OnInitializedAsync()
    {
        await base.OnInitializedAsync();
        _user = User;
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        _categories = await Lists.CategoriesAsync(_user);
        _signposts = await Lists.SignpostsAsync(_user);
    }

    private async Task AddCategoryAsync()
    {
        var name = await Dialogs.PromptAsync("Add a category", "What is the new kind of case called?", "Category", "Add");
        if (name is not null)
        {
            await ActAsync(() => Lists.AddCategoryAsync(_user, name), $"Added {name}");
        }
    }

    private async Task RenameCategoryAsync(CaseCategory category)
    {
        // Renaming changes the name on every case in this category, old ones too.
        var dialog = await Dialogs.ShowAsync<TextPromptDialog>($"Rename {category.Name}", new DialogParameters<TextPromptDialog>
        {
            { d => d.Prompt, "The new name shows on every case in this category, including closed ones." },
            { d => d.Label, "Category" },
            { d => d.ConfirmText, "Rename" },
            { d => d.MaxLength, 60 },
            { d => d.InitialText, category.Name },
        });
        if (await dialog.Result is { Canceled: false, Data: string name })
        {
            await ActAsync(() => Lists.RenameCategoryAsync(_user, category.Id, name), $"Renamed to {name}");
        }
    }

    private Task ToggleCategoryAsync(CaseCategory category) =>
        ActAsync(() => Lists.SetCategoryActiveAsync(_user, category.Id, !category.Active), $"{(category.Active ? "Retired" : "Restored")} {category.Name}");

    private Task ToggleSignpostAsync(Signpost signpost) =>
        ActAsync(() => Lists.SetSignpostActiveAsync(_user, signpost.Id, !signpost.Active), $"{(signpost.Active ? "Retired" : "Restored")} {signpost.Name}");

    private static string ToggleLabel(bool active, string name) => $"{(active ? "Retire" : "Restore")} {name}";

    private Task AddSignpostAsync() => SignpostDialogAsync("Add a service to the directory", null,
        input => Lists.AddSignpostAsync(_user, input.Name, input.Description, input.Contact));

    private Task EditSignpostAsync(Signpost signpost) => SignpostDialogAsync($"Edit {signpost.Name}", new SignpostInput(signpost.Name, signpost.Description, signpost.Contact),
        input => Lists.UpdateSignpostAsync(_user, signpost.Id, input.Name, input.Description, input.Contact));

    private async Task SignpostDialogAsync(string title, SignpostInput? initial, Func<SignpostInput, Task> save)
    {
        var dialog = await Dialogs.ShowAsync<SignpostDialog>(title, new DialogParameters<SignpostDialog> { { d => d.Initial, initial } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: SignpostInput input })
        {
            await ActAsync(() => save(input), $"Saved {input.Name.Trim()}");
        }
    }

    // Whether or not it was done, the lists are re-read.
    protected override async Task RunActionAsync(Func<Task> action)
    {
        await action();
        await ReloadAsync();
    }
}

public sealed record SignpostInput(string Name, string? Description, string? Contact);
