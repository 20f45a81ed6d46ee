using System.Security.Claims;
using DropIn.Domain;
using DropIn.Domain.Cases;
using DropIn.Web.Components.Shared;
using DropIn.Web.Live;
using DropIn.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace DropIn.Web.Features.Cases;

/// <summary>
/// The case file on a caseworker's tablet. Redraws when anyone changes the case; what is being typed (a note, the
/// summary) lives in fields a redraw does not touch, and in the browser's draft store, so nothing half-written is lost.
/// </summary>
public partial class CasePage
{
    private CaseFile? _file;
    private string? _error;
    private string _note = "";
    private EntryKind _quickKind = EntryKind.Note;
    private bool _draftRestored;
    private string? _summaryDraft;
    private string _summaryBase = "";
    private string? _theirSummary;
    private CaseDocumentsPanel? _documents;
    private IReadOnlyList<StaffName> _staff = [];
    private IReadOnlyList<CaseCategory> _categories = [];
    private int _timelineShown = CaseService.TimelinePage;

    [Parameter] public Guid Id { get; set; }
    [Inject] public required CaseService Cases { get; init; }
    [Inject] public required CaseWorkService Work { get; init; }
    [Inject] public required CaseClosingService Closing { get; init; }
    [Inject] public required CaseListsService Lists { get; init; }
    [Inject] public required IDialogService Dialogs { get; init; }
    [Inject] public required IJSRuntime JS { get; init; }
    [Inject] public required TimeProvider Time { get; init; }

    protected override bool Concerns(LiveChange change) => change is CaseChanged c && c.CaseId == Id;

    // A barrier put up while the page is open: the case disappears from the screen at once.
    protected override Task ReloadAsync() => ReadOrRefuseAsync(async () =>
    {
        _file = await Cases.GetAsync(User, Id, _timelineShown);
        if (_staff.Count == 0)
        {
            _staff = await Cases.CaseworkersAsync(User);
            _categories = await Lists.ActiveCategoriesAsync(User);
        }

        if (_documents is not null)
        {
            // A child does not redraw for a parent's live change on its own; the page has the one subscription.
            await _documents.ReloadAsync();
        }
    }, refused: message => (_file, _error) = (null, message));

    /// <summary>The next page of older timeline entries, under those shown.</summary>
    private async Task ShowOlderAsync()
    {
        _timelineShown += CaseService.TimelinePage;
        await RereadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && _file is not null)
        {
            var draft = await JS.InvokeAsync<string?>("dropInDrafts.read", DraftKey("note"));
            if (!string.IsNullOrEmpty(draft) && string.IsNullOrEmpty(_note))
            {
                _note = draft;
                _draftRestored = true;
                StateHasChanged();
            }
        }
    }

    /// <summary>Per user and case, so a shared tablet never offers one caseworker's draft to another.</summary>
    private string DraftKey(string field) => $"dropin:draft:{User.FindFirstValue(ClaimTypes.NameIdentifier)}:{Id:N}:{field}";

    /// <summary>The browser's copy is the truth: typing during a dropped connection reached it but not the server.</summary>
    private async Task<string> LatestAsync(string field, string fallback)
    {
        var draft = await JS.InvokeAsync<string?>("dropInDrafts.read", DraftKey(field));
        return string.IsNullOrEmpty(draft) ? fallback : draft;
    }

    private async Task SaveNoteAsync()
    {
        var text = await LatestAsync("note", _note);
        if (await ActAsync(() => Work.AddEntryAsync(User, Id, new EntryDraft(_quickKind, text)), $"{CaseText.Kind(_quickKind)} saved"))
        {
            _note = "";
            _draftRestored = false;
            await JS.InvokeVoidAsync("dropInDrafts.forget", DraftKey("note"));
        }
    }

    private async Task AddEntryAsync(EntryKind kind)
    {
        var signposts = kind == EntryKind.Referral ? await Lists.ActiveSignpostsAsync(User) : [];
        var dialog = await Dialogs.ShowAsync<EntryDialog>(CaseText.Kind(kind), new DialogParameters<EntryDialog>
        {
            { d => d.Kind, kind },
            { d => d.Signposts, signposts },
            { d => d.Consents, _file?.Consents ?? [] },
        }, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: EntryDraft draft })
        {
            await ActAsync(() => Work.AddEntryAsync(User, Id, draft), $"{CaseText.Kind(kind)} added");
        }
    }

    private async Task CorrectAsync(TimelineItem item)
    {
        var text = await Dialogs.PromptAsync("Correct this entry", "The original stays on the timeline, marked as corrected; the corrected text is added with your name and today's date.",
            "Corrected text", "Save correction", item.Entry.Text, TimelineEntry.MaxTextLength, lines: 5);
        if (text is not null)
        {
            await ActAsync(() => Work.CorrectEntryAsync(User, Id, item.Entry.Id, text), "Correction saved");
        }
    }

    private void EditSummary()
    {
        _summaryBase = _file!.Case.Summary;
        _summaryDraft = _summaryBase;
        _theirSummary = null;
    }

    private async Task SaveSummaryAsync()
    {
        var text = await LatestAsync("summary", _summaryDraft ?? "");
        if (await ActAsync(() => Cases.ChangeSummaryAsync(User, Id, text, _summaryBase), "Summary saved", conflicted: conflict =>
            {
                // Keep their text as the new base: saving again is now a deliberate replacement of what they wrote.
                _theirSummary = conflict.Theirs;
                _summaryBase = conflict.Theirs;
                _summaryDraft = text;
            }))
        {
            _summaryDraft = null;
            _theirSummary = null;
            await JS.InvokeVoidAsync("dropInDrafts.forget", DraftKey("summary"));
        }
    }

    private async Task CancelSummaryAsync()
    {
        _summaryDraft = null;
        _theirSummary = null;
        await JS.InvokeVoidAsync("dropInDrafts.forget", DraftKey("summary"));
    }

    private async Task AddPlanAsync(PlanForm mode)
    {
        var title = mode switch { PlanForm.Deadline => "Add a deadline", PlanForm.Action => "Agree an action", PlanForm.FollowUp => "Set a follow-up date", _ => "Record consent to share" };
        var dialog = await Dialogs.ShowAsync<PlanDialogs>(title, new DialogParameters<PlanDialogs> { { d => d.Mode, mode }, { d => d.FollowUpOn, _file?.FollowUp is { DateSet: true } ? _file.Case.FollowUpOn : null } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is not { Canceled: false, Data: PlanRequest r })
        {
            return;
        }

        await ActAsync(() => r.Mode switch
        {
            PlanForm.Deadline => Work.AddDeadlineAsync(User, Id, r.Text, r.Date!.Value),
            PlanForm.Action => Work.AgreeActionAsync(User, Id, r.Party, r.Text, r.Date),
            PlanForm.FollowUp => Work.SetFollowUpAsync(User, Id, r.Date!.Value),
            _ => Work.RecordConsentAsync(User, Id, r.ThirdParty, r.Text, r.Purpose, r.Date!.Value, r.GivenBy),
        }, "Saved");
    }

    private Task ClearFollowUpAsync() => ActAsync(() => Work.SetFollowUpAsync(User, Id, null), "Follow-up date cleared");

    private Task DeadlineMetAsync(CaseDeadline deadline) => ActAsync(() => Work.MarkDeadlineMetAsync(User, Id, deadline.Id), "Deadline marked as met");

    private Task ActionDoneAsync(ActionItem item) => ActAsync(() => Work.MarkActionDoneAsync(User, Id, item.Id), "Marked done");

    private async Task RenewConsentAsync(Consent consent)
    {
        var dialog = await Dialogs.ShowAsync<PlanDialogs>($"Renew consent to share with {consent.ThirdParty}",
            new DialogParameters<PlanDialogs> { { d => d.Mode, PlanForm.Renewal }, { d => d.Renewing, consent } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: PlanRequest r })
        {
            await ActAsync(() => Work.RenewConsentAsync(User, Id, consent.Id, r.Date!.Value, r.GivenBy), "Consent renewed");
        }
    }

    private async Task WithdrawConsentAsync(Consent consent)
    {
        if (await Dialogs.ConfirmAsync("Record that consent is withdrawn?", $"Nothing more may be shared with {consent.ThirdParty} on this consent. This cannot be undone: new consent would have to be recorded.", "Record withdrawal"))
        {
            await ActAsync(() => Work.WithdrawConsentAsync(User, Id, consent.Id), "Consent withdrawn");
        }
    }

    private async Task RecordInformationAsync()
    {
        var dialog = await Dialogs.ShowAsync<InformationGivenDialog>("Record service information given", new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: ServiceInformationGiven given })
        {
            await ActAsync(() => Cases.RecordInformationGivenAsync(User, Id, given), "Service information recorded");
        }
    }

    private Task CheckConflictAsync() => ActAsync(() => Cases.CheckConflictAsync(User, Id), "Conflict check done");

    private async Task CloseAsync()
    {
        string? draft = null;
        if (!await ActAsync(async () => draft = await Closing.LetterDraftAsync(User, Id)))
        {
            return;
        }

        var dialog = await Dialogs.ShowAsync<CloseCaseDialog>("Close the case", new DialogParameters<CloseCaseDialog> { { d => d.CaseId, Id }, { d => d.LetterDraft, draft } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false }); // a mis-tap beside it would lose the letter
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add("Case closed", Severity.Success);
        }
    }

    private Task AddCaseworkerAsync(string staffId) => ActAsync(() => Cases.AddCaseworkerAsync(User, Id, staffId), "Added to the case");

    private async Task RemoveCaseworkerAsync(string staffId)
    {
        if (await Dialogs.ConfirmAsync("Take them off the case?", "They will no longer see this case unless they are added again.", "Take off the case"))
        {
            await ActAsync(() => Cases.RemoveCaseworkerAsync(User, Id, staffId), "Taken off the case");
        }
    }

    private Task ChangeCategoryAsync(int categoryId) => ActAsync(() => Cases.ChangeCategoryAsync(User, Id, categoryId), "Category changed");

    private Task ReopenAsync() => ActAsync(() => Cases.ReopenAsync(User, Id), "Case reopened");
}
