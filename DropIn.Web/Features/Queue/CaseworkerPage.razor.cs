using DropIn.Web.Live;
using DropIn.Domain.Queue;
using DropIn.Web.Features.Cases;
using MudBlazor;

namespace DropIn.Web.Features.Queue;

public partial class CaseworkerPage
{
    private QueueView? _view;
    private Ticket? _mine;
    private string? _room;
    private bool _busy;

    private string WaitingText => _view switch
    {
        { State: not SessionState.Open } => "The queue is not open.",
        { Waiting.Count: 0 } => "Nobody is waiting.",
        { Waiting.Count: 1 } => "1 student is waiting.",
        { } v => $"{v.Waiting.Count} students are waiting.",
        _ => "",
    };

    protected override async Task OnInitializedAsync()
    {
        await base.OnInitializedAsync();
        _room = await Queue.GetRoomAsync(User);
    }

    protected override bool Concerns(LiveChange change) => change is QueueChanged;

    protected override async Task ReloadAsync()
    {
        _view = await Queue.GetQueueAsync(User);
        _mine = await Queue.GetMyTicketAsync(User);
    }

    /// <summary>Files the visit on a case while the student is in the room; the queue screen stays where it is.</summary>
    private async Task FileAsync()
    {
        if (_mine is { } ticket && await Dialogs.FileOnCaseAsync(new LinkSource(LinkSourceKind.Visit, ticket.Id), Snackbar, Navigation) is not null)
        {
            await RereadAsync();
        }
    }

    private Task SetNoticeAsync(string? text) => ActAsync(() => Queue.SetNoticeAsync(User, _view!.Session.Id, text), done: text is null ? "Message cleared." : "Message shown on the board and students' phones.");

    private async Task SetRoomAsync(string room)
    {
        if (await ActAsync(() => Queue.SetRoomAsync(User, room)))
        {
            _room = room;
        }
    }

    /// <summary>
    /// Calls the next student. A refusal (this caseworker already has someone, e.g. from another tablet; the queue closed)
    /// is said as it is, and the screen, read again, shows the queue as it is: never "nobody is waiting" in its place.
    /// </summary>
    private async Task CallNextAsync()
    {
        _busy = true;
        try
        {
            Ticket? called = null;
            if (await ActAsync(async () => called = await Queue.CallNextAsync(User, _room!)) && called is null)
            {
                // Read again above: anyone still listed is someone this caseworker may not be called to (an information barrier).
                Snackbar.Add(_view is { Waiting.Count: > 0 } ? "Nobody waiting can be called to you; a colleague will call them." : "Nobody is waiting now.", Severity.Info);
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private Task StartAsync() => ActAsync(() => Queue.StartAsync(User, _mine!.Id));

    private Task NoAnswerAsync() => ActAsync(() => Queue.NoAnswerAsync(User, _mine!.Id), $"{_mine!.Code} marked as no answer");

    /// <summary>
    /// "Case opened" is true only of a visit filed on a case: if this one is not yet, it leads into opening or adding
    /// to one for this student first, and finishes once that is done (cancelled, the visit stays open).
    /// </summary>
    private async Task FinishAsync(VisitOutcome outcome)
    {
        var ticket = _mine!;
        var caseId = ticket.CaseId;
        if (outcome == VisitOutcome.CaseOpened && caseId is null)
        {
            caseId = (await Dialogs.FileOnCaseAsync(new LinkSource(LinkSourceKind.Visit, ticket.Id), requireCase: true))?.CaseId;
            if (caseId is null)
            {
                Snackbar.Add($"{ticket.Code} is still with you: open or add to a case to finish as \"case opened\".", Severity.Info);
                return;
            }
        }

        if (await ActAsync(() => Queue.FinishAsync(User, ticket.Id, outcome)))
        {
            Snackbar.Add($"{ticket.Code} finished: {OutcomeText.Of(outcome).ToLowerInvariant()}", Severity.Success, options =>
            {
                if (outcome == VisitOutcome.CaseOpened && caseId is { } id)
                {
                    // The outcome leads to the case it names.
                    options.Action = "Open the case";
                    options.OnClick = _ =>
                    {
                        Navigation.NavigateTo($"/cases/{id}");
                        return Task.CompletedTask;
                    };
                }
            });
        }
    }
}
