using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Cases;
using DropIn.Web.Components.Shared;
using DropIn.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace DropIn.Web.Features.Cases;

/// <summary>Managers keep the case categories, the outcomes and the referral directory here. Only managers see it, so it does not update live.</summary>
public partial class CaseListsPage
{
    private IReadOnlyList<CaseCategory>? _categories;
    private IReadOnlyList<OutcomeKind>? _outcomes;
    private IReadOnlyList<DropIn.Domain.Reviews.ReviewCriterion>? _criteria;
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
        _outcomes = await Lists.OutcomeKindsAsync(_user);
        _criteria = await Lists.ReviewCriteriaAsync(_user);
        _signposts = await Lists.SignpostsAsync(_user);
    }

    private NamedList Categories => new("category", "Add a category", "What is the new kind of case called?", "The new name shows on every case in this category, including closed ones.",
        name => Lists.AddCategoryAsync(_user, name), (id, name) => Lists.RenameCategoryAsync(_user, id, name), (id, active) => Lists.SetCategoryActiveAsync(_user, id, active));

    private NamedList Outcomes => new("outcome", "Add an outcome", "What is the new outcome called?", "The new name shows on every closed case that achieved it, and in the statistics.",
        name => Lists.AddOutcomeKindAsync(_user, name), (id, name) => Lists.RenameOutcomeKindAsync(_user, id, name), (id, active) => Lists.SetOutcomeKindActiveAsync(_user, id, active));

    private NamedList Criteria => new("criterion", "Add a review criterion", "What should reviewers score in each file?", "The new name shows on every review that scored it.",
        name => Lists.AddReviewCriterionAsync(_user, name), (id, name) => Lists.RenameReviewCriterionAsync(_user, id, name), (id, active) => Lists.SetReviewCriterionActiveAsync(_user, id, active));

    private async Task AddAsync(NamedList list)
    {
        var name = await Dialogs.PromptAsync(list.AddTitle, list.AddPrompt, Capitalised(list.Noun), "Add", maxLength: NamedListEntry.MaxNameLength);
        if (name is not null)
        {
            await ActAsync(() => list.Add(name), $"Added {name}");
        }
    }

    // Renaming changes the name wherever the entry is used, on old cases too.
    private async Task RenameAsync(NamedList list, NamedListEntry entry)
    {
        var name = await Dialogs.PromptAsync($"Rename {entry.Name}", list.RenamePrompt, Capitalised(list.Noun), "Rename", entry.Name, NamedListEntry.MaxNameLength);
        if (name is not null)
        {
            await ActAsync(() => list.Rename(entry.Id, name), $"Renamed to {name}");
        }
    }

    private Task ToggleAsync(NamedList list, NamedListEntry entry) =>
        ActAsync(() => list.SetActive(entry.Id, !entry.Active), $"{(entry.Active ? "Retired" : "Restored")} {entry.Name}");

    private static string Capitalised(string noun) => char.ToUpperInvariant(noun[0]) + noun[1..];

    private Task ToggleSignpostAsync(Signpost signpost) =>
        ActAsync(() => Lists.SetSignpostActiveAsync(_user, signpost.Id, !signpost.Active), $"{(signpost.Active ? "Retired" : "Restored")} {signpost.Name}");

    private static string ToggleLabel(bool active, string name) => $"{(active ? "Retire" : "Restore")} {name}";

    /// <summary>One of the named lists, with what its dialogs say and the service calls that change it.</summary>
    private sealed record NamedList(string Noun, string AddTitle, string AddPrompt, string RenamePrompt, Func<string, Task> Add, Func<int, string, Task> Rename, Func<int, bool, Task> SetActive);

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
