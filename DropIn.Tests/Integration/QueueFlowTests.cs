using DropIn.Domain;
using DropIn.Domain.Cases;
using DropIn.Domain.Queue;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Students;
using DropIn.Web.Live;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DropIn.Tests.Integration;

public sealed class QueueFlowTests : IAsyncLifetime
{
    // Tuesday 24 November 2026, half past twelve in London: the drop-in is open.
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = London.Clock(2026, 11, 24, 12, 30);
    private AppFactory _app = default!;
    private QueueHarness _queue = default!;

    public ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock);
        _queue = new QueueHarness(_app);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task CheckIn_ThroughFinish_RecordsTheWholeVisit()
    {
        var reception = await _queue.ReceptionAsync();
        var caseworker = await _queue.CaseworkerAsync();

        var a01 = await _queue.CheckInAsync(reception, "Ada Lovelace");
        await _queue.CheckInAsync(reception, "Alan Turing");
        _clock.Advance(TimeSpan.FromMinutes(7));
        var called = await _queue.CallNextAsync(caseworker, "Advice room 2");
        await _queue.WithQueueAsync(q => q.StartAsync(caseworker, called!.Id));
        _clock.Advance(TimeSpan.FromMinutes(18));
        await _queue.WithQueueAsync(q => q.FinishAsync(caseworker, called!.Id, VisitOutcome.AppointmentBooked));
        var view = await _queue.ViewAsync(reception);

        Assert.Equal("A01", a01.Code);
        Assert.Equal(a01.Id, called!.Id);
        Assert.Equal("Advice room 2", called.Room);
        var done = Assert.Single(view.Done);
        Assert.Equal(VisitOutcome.AppointmentBooked, done.Outcome);
        Assert.Equal("Sam Caseworker", done.CaseworkerName);
        Assert.Equal(["A02"], view.Waiting.Select(w => w.Ticket.Code));
        Assert.Equal(1, view.Summary.Seen);
    }

    /// <summary>"Case opened" is refused with a message while the visit is on no case, and accepted once it is filed on one.</summary>
    [Fact]
    public async Task Finish_CaseOpened_NeedsTheVisitFiledOnACase()
    {
        var reception = await _queue.ReceptionAsync();
        var caseworker = await _queue.CaseworkerAsync();
        await _queue.CheckInAsync(reception, "Ada Lovelace");
        var ticket = (await _queue.CallNextAsync(caseworker))!;
        await _queue.WithQueueAsync(q => q.StartAsync(caseworker, ticket.Id));

        var refused = await Assert.ThrowsAsync<RuleException>(() => _queue.WithQueueAsync(q => q.FinishAsync(caseworker, ticket.Id, VisitOutcome.CaseOpened)));
        var student = await _app.UseAsync<StudentService, Student>(s => s.RegisterAsync(caseworker, new StudentProfile("Ada Lovelace")));
        var category = await _app.UseAsync<DropInDbContext, int>(db => db.CaseCategories.Select(c => c.Id).FirstAsync());
        var opened = await _app.UseAsync<CaseService, Case>(c => c.OpenAsync(caseworker, student.Id, category, "Appeal", new LinkSource(LinkSourceKind.Visit, ticket.Id)));
        await _queue.WithQueueAsync(q => q.FinishAsync(caseworker, ticket.Id, VisitOutcome.CaseOpened));

        Assert.Contains("Open or add to a case", refused.Message, StringComparison.Ordinal);
        var done = Assert.Single((await _queue.ViewAsync(reception)).Done);
        Assert.Equal((VisitOutcome.CaseOpened, opened.Id), (done.Outcome!.Value, done.CaseId!.Value));
    }

    [Fact]
    public async Task CheckIn_OnAWednesday_IsRefusedWithTheNextSession()
    {
        _clock.SetUtcNow(London.At(2026, 11, 25, 12, 30));
        var reception = await _queue.ReceptionAsync();

        var refused = await Assert.ThrowsAsync<RuleException>(() => _queue.CheckInAsync(reception, "Ada Lovelace"));
        var view = await _queue.ViewAsync(reception);

        Assert.Equal("The drop-in queue is not open yet: it opens on Thursday 26 November at 12:00.", refused.Message);
        Assert.Equal(SessionState.NotYetOpen, view.State);
        Assert.Equal(new DateOnly(2026, 11, 26), view.Session.Date);
    }

    [Fact]
    public async Task CallNext_UrgentStudent_IsCalledBeforeEarlierArrivals()
    {
        var reception = await _queue.ReceptionAsync();
        var caseworker = await _queue.CaseworkerAsync();
        await _queue.CheckInAsync(reception, "Early Bird");
        _clock.Advance(TimeSpan.FromMinutes(1));
        await _queue.CheckInAsync(reception, "Deadline Today", urgent: true);

        var called = await _queue.CallNextAsync(caseworker);

        Assert.Equal("Deadline Today", called!.Name);
    }

    [Fact]
    public async Task CallNext_WhileStillSeeingSomeone_IsRefused()
    {
        var reception = await _queue.ReceptionAsync();
        var caseworker = await _queue.CaseworkerAsync();
        await _queue.CheckInAsync(reception, "One");
        await _queue.CheckInAsync(reception, "Two");
        await _queue.CallNextAsync(caseworker);

        var refused = await Assert.ThrowsAsync<RuleException>(() => _queue.CallNextAsync(caseworker));

        Assert.Contains("Finish ticket A01", refused.Message);
    }

    [Fact]
    public async Task Close_WithStudentsWaiting_ListsThemForFollowUpAndSummarises()
    {
        var reception = await _queue.ReceptionAsync();
        var caseworker = await _queue.CaseworkerAsync();
        await _queue.CheckInAsync(reception, "Seen Student");
        var late = await _queue.CheckInAsync(reception, "Late Student");
        var called = await _queue.CallNextAsync(caseworker);
        _clock.Advance(TimeSpan.FromMinutes(20));
        await _queue.WithQueueAsync(q => q.FinishAsync(caseworker, called!.Id, VisitOutcome.AdviceGiven));
        _clock.SetUtcNow(London.At(2026, 11, 24, 14, 0));

        var closed = await _queue.ViewAsync(reception);
        await _queue.WithQueueAsync(q => q.RecordFollowUpAsync(reception, late.Id, FollowUp.AppointmentOffered, "Thu 10:00"));
        var after = await _queue.ViewAsync(reception);

        Assert.Equal(SessionState.Closed, closed.State);
        Assert.Equal(["Late Student"], closed.Waiting.Select(w => w.Ticket.Name));
        Assert.Empty(after.Waiting);
        Assert.Equal(1, after.Summary.Seen);
        Assert.Equal(1, after.Summary.NotReached);
        Assert.Equal(TimeSpan.FromMinutes(90), after.Summary.LongestWait);
        await Assert.ThrowsAsync<RuleException>(() => _queue.CallNextAsync(caseworker));
    }

    [Fact]
    public async Task Actions_OutsideTheRole_AreRefusedByTheService()
    {
        var reception = await _queue.ReceptionAsync();
        var caseworker = await _queue.CaseworkerAsync();
        var admin = await _app.StaffAsync("Alex Admin", Roles.Admin);
        var ticket = await _queue.CheckInAsync(reception, "Ada Lovelace");

        await Assert.ThrowsAsync<ForbiddenException>(() => _queue.CallNextAsync(reception));
        await Assert.ThrowsAsync<ForbiddenException>(() => _queue.CheckInAsync(caseworker, "Someone"));
        await Assert.ThrowsAsync<ForbiddenException>(() => _queue.WithQueueAsync(q => q.MoveUpAsync(caseworker, ticket.Id, "because")));
        await Assert.ThrowsAsync<ForbiddenException>(() => _queue.ViewAsync(admin));
        await Assert.ThrowsAsync<ForbiddenException>(() => _queue.ViewAsync(new System.Security.Claims.ClaimsPrincipal()));
    }

    [Fact]
    public async Task MoveUp_IsRecordedWithReasonAndWho()
    {
        var reception = await _queue.ReceptionAsync();
        await _queue.CheckInAsync(reception, "First");
        var second = await _queue.CheckInAsync(reception, "Second");

        await _queue.WithQueueAsync(q => q.MoveUpAsync(reception, second.Id, "Hearing at 13:00"));
        var view = await _queue.ViewAsync(reception);

        var top = view.Waiting[0].Ticket;
        Assert.Equal("Second", top.Name);
        Assert.Equal("Hearing at 13:00", top.MovedUpReason);
        Assert.Equal("Rita Reception", top.MovedUpBy);
    }

    [Fact]
    public async Task EveryChange_PublishesTheSessionIdOnly()
    {
        var reception = await _queue.ReceptionAsync();
        var changes = new List<LiveChange>();
        using var _ = _app.Services.GetRequiredService<ILiveUpdates>().Subscribe(change =>
        {
            lock (changes)
            {
                changes.Add(change);
            }

            return Task.CompletedTask;
        });

        var ticket = await _queue.CheckInAsync(reception, "Ada Lovelace");
        await _queue.WithQueueAsync(q => q.MarkLeftAsync(reception, ticket.Id));

        Assert.Equal([new QueueChanged(ticket.SessionId), new QueueChanged(ticket.SessionId)], changes);
    }

    [Fact]
    public async Task Edit_CorrectsDetails_AndRefusesEmptyName()
    {
        var reception = await _queue.ReceptionAsync();
        var ticket = await _queue.CheckInAsync(reception, "Ada Lovelase");

        await _queue.WithQueueAsync(q => q.EditAsync(reception, ticket.Id, new("Ada Lovelace", "al1@cam.ac.uk", "Trinity", "Academic appeal", true, "Hearing loop")));
        var refused = await Assert.ThrowsAsync<RuleException>(() => _queue.WithQueueAsync(q => q.EditAsync(reception, ticket.Id, new("", null, null, "Appeal", false, null))));
        var view = await _queue.ViewAsync(reception);

        var edited = Assert.Single(view.Waiting).Ticket;
        Assert.Equal("Ada Lovelace", edited.Name);
        Assert.True(edited.UrgentDeadlineToday);
        Assert.Equal("Hearing loop", edited.AccessNeeds);
        Assert.Equal("Enter the student's name.", refused.Message);
    }

    [Fact]
    public async Task NoAnswer_ThenBackInQueue_IsCalledAgain()
    {
        var reception = await _queue.ReceptionAsync();
        var caseworker = await _queue.CaseworkerAsync();
        var ticket = await _queue.CheckInAsync(reception, "Ada Lovelace");
        await _queue.CallNextAsync(caseworker);

        await _queue.WithQueueAsync(q => q.NoAnswerAsync(caseworker, ticket.Id));
        var afterNoAnswer = await _queue.ViewAsync(reception);
        await _queue.WithQueueAsync(q => q.ReturnToQueueAsync(reception, ticket.Id));
        var again = await _queue.CallNextAsync(caseworker);

        Assert.Empty(afterNoAnswer.Waiting);
        Assert.Equal(TicketStatus.NoAnswer, Assert.Single(afterNoAnswer.Done).Status);
        Assert.Equal(ticket.Id, again!.Id);
    }

    [Fact]
    public async Task OpenEarly_QuarterOfAnHourBefore_LetsReceptionCheckIn()
    {
        _clock.SetUtcNow(London.At(2026, 11, 26, 11, 45));
        var reception = await _queue.ReceptionAsync();
        var before = await _queue.ViewAsync(reception);

        await _queue.WithQueueAsync(q => q.OpenEarlyAsync(reception, before.Session.Id));
        var ticket = await _queue.CheckInAsync(reception, "Early Student");

        Assert.Equal(SessionState.NotYetOpen, before.State);
        Assert.Equal("A01", ticket.Code);
        Assert.Equal(SessionState.Open, (await _queue.ViewAsync(reception)).State);
    }

    [Fact]
    public async Task ExtraSession_OnAWednesday_OpensNow_ButNotOverAScheduledSession()
    {
        _clock.SetUtcNow(London.At(2026, 11, 25, 15, 0));
        var reception = await _queue.ReceptionAsync();

        var extra = await _queue.WithQueueAsync(q => q.StartExtraSessionAsync(reception, new TimeOnly(17, 0)));
        var ticket = await _queue.CheckInAsync(reception, "Exam Term Student");
        _clock.SetUtcNow(London.At(2026, 11, 26, 11, 0));
        var overlapping = await Assert.ThrowsAsync<RuleException>(() => _queue.WithQueueAsync(q => q.StartExtraSessionAsync(reception, new TimeOnly(13, 0))));

        Assert.True(extra.IsExtra);
        Assert.Equal(extra.Id, ticket.SessionId);
        Assert.Contains("overlap", overlapping.Message);
    }
}
