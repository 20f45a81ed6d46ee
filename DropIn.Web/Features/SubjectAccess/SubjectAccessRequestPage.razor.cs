using DropIn.Domain;
using DropIn.Domain.Confidentiality;
using DropIn.Web.Components.Shared;
using DropIn.Web.Live;
using DropIn.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DropIn.Web.Features.SubjectAccess;

public partial class SubjectAccessRequestPage
{
    private SubjectAccessView? _view;
    private string? _error;
    private int _months = 1;
    private string _extensionReason = "";

    [Parameter] public Guid Id { get; set; }
    [Inject] public required SubjectAccessService Requests { get; init; }
    [Inject] public required IDialogService Dialogs { get; init; }

    private string DaysLeftText => _view is not { } v || !v.Request.IsOpen ? "closed" : v.Request.DaysLeft(v.Today) switch
    {
        < 0 and var d => $"{-d} day(s) overdue",
        0 => "due today",
        var d => $"{d} day(s) left",
    };

    protected override bool Concerns(LiveChange change) => change is SubjectAccessChanged s && s.RequestId == Id;

    protected override Task ReloadAsync() => ReadOrRefuseAsync(async () =>
    {
        _view = await Requests.GetAsync(User, Id);
        _months = Math.Min(_view.Request.ExtensionMonths + 1, SubjectAccessDeadline.MaxExtensionMonths);
        _error = null;
    }, refused: message => (_view, _error) = (null, message));

    private Task CompileAsync() => ActAsync(() => Requests.CompileAsync(User, Id), "Compiled: review anything flagged");

    private Task MarkReviewedAsync() => ActAsync(() => Requests.MarkReviewedAsync(User, Id), "Marked reviewed");

    private async Task ReleaseAsync()
    {
        if (await Dialogs.ConfirmAsync("Mark the record released?", "Records that the student has been sent their information. The request is then complete and cannot be reopened.", "Mark released"))
        {
            await ActAsync(() => Requests.ReleaseAsync(User, Id), "Marked released");
        }
    }

    private async Task ExtendAsync()
    {
        if (await ActAsync(() => Requests.ExtendAsync(User, Id, _months, _extensionReason), "Deadline extended: tell the student why"))
        {
            _extensionReason = "";
        }
    }

    private async Task DecideAsync(FlagView flag, FlagDecision decision)
    {
        string? reason = null;
        if (decision == FlagDecision.Redact)
        {
            reason = await Dialogs.PromptAsync("Withhold this item", "Why is it withheld? (e.g. it is another student's personal data)", "Reason", "Withhold", maxLength: SubjectAccessRequest.MaxReasonLength);
            if (reason is null)
            {
                return;
            }
        }

        await ActAsync(() => Requests.DecideAsync(User, Id, flag.Flag.Id, decision, reason));
    }

    private async Task RefuseAsync()
    {
        var reason = await Dialogs.PromptAsync("Refuse the request", "Why is it refused? The student must be told, with their right to complain to the ICO.", "Reason", "Refuse", maxLength: SubjectAccessRequest.MaxReasonLength);
        if (reason is not null)
        {
            await ActAsync(() => Requests.RefuseAsync(User, Id, reason), "Refused");
        }
    }

    private async Task WithdrawAsync()
    {
        var reason = await Dialogs.PromptAsync("Withdrawn by the student", "How did the student withdraw it? (e.g. email of 3 March)", "Reason", "Close as withdrawn", maxLength: SubjectAccessRequest.MaxReasonLength);
        if (reason is not null)
        {
            await ActAsync(() => Requests.WithdrawAsync(User, Id, reason), "Closed as withdrawn");
        }
    }
}
