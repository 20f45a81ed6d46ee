using Bunit;
using DropIn.Domain.Queue;
using DropIn.Tests.Domain;
using DropIn.Web.Features.Queue;
using MudBlazor;

namespace DropIn.Tests.Components;

public sealed class QueueComponentTests : MudTestContext
{
    private static readonly DateTimeOffset Noon = QueueTestData.TuesdayNoon;

    private static List<WaitingTicket> Waiting(DropInSession session, params Ticket[] tickets) =>
        [.. QueueOrder.Waiting(tickets).Select((t, i) => new WaitingTicket(t, i + 1, TimeSpan.FromMinutes(15 * i)))];

    [Fact]
    public void WaitingTable_ShowsTicketsInCallingOrderWithFlags()
    {
        var session = QueueTestData.OpenTuesday();
        var early = session.CheckIn(QueueTestData.Student("Early Student"), Noon);
        var urgent = session.CheckIn(new StudentDetails("Urgent Student", null, "King's", "Appeal", true, "Step-free room"), Noon.AddMinutes(3));

        var table = Render<WaitingTable>(p => p.Add(t => t.Tickets, Waiting(session, early, urgent)));

        var rows = table.FindAll("tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("A02", rows[0].TextContent);
        Assert.Contains("Urgent Student", rows[0].TextContent);
        Assert.Contains("Deadline today", rows[0].TextContent);
        Assert.Contains("Step-free room", rows[0].TextContent);
        Assert.Contains("next", rows[0].TextContent);
        Assert.Contains("about 15 min", rows[1].TextContent);
        Assert.Contains("Waiting (2)", table.Markup);
    }

    [Fact]
    public void WaitingTable_WithoutManagePermission_HasNoActionButtons()
    {
        var session = QueueTestData.OpenTuesday();
        var ticket = session.CheckIn(QueueTestData.Student(), Noon);

        var readOnly = Render<WaitingTable>(p => p.Add(t => t.Tickets, Waiting(session, ticket)));
        var managed = Render<WaitingTable>(p => p.Add(t => t.Tickets, Waiting(session, ticket)).Add(t => t.CanManage, true));

        Assert.Empty(readOnly.FindAll("button"));
        Assert.NotNull(managed.Find("button[aria-label='Move A01 up']"));
    }

    [Fact]
    public void WaitingTable_LeftButton_ReportsTheTicket()
    {
        var session = QueueTestData.OpenTuesday();
        var ticket = session.CheckIn(QueueTestData.Student(), Noon);
        Ticket? left = null;

        var table = Render<WaitingTable>(p => p
            .Add(t => t.Tickets, Waiting(session, ticket))
            .Add(t => t.CanManage, true)
            .Add(t => t.OnLeft, (Ticket t) => left = t));
        table.Find("button[aria-label='A01 has left']").Click();

        Assert.Same(ticket, left);
    }

    [Fact]
    public void DoneList_ATicketMarkedAsLeft_CanBePutBack()
    {
        var session = QueueTestData.OpenTuesday();
        var ticket = session.CheckIn(QueueTestData.Student(), Noon);
        ticket.MarkLeft(Noon.AddMinutes(5));
        Ticket? returned = null;

        var list = Render<DoneList>(p => p
            .Add(d => d.Tickets, [ticket])
            .Add(d => d.CanManage, true)
            .Add(d => d.OnReturn, (Ticket t) => returned = t));
        list.FindAll("button").Single(b => b.TextContent.StartsWith("Back in queue", StringComparison.Ordinal)).Click();

        Assert.Contains("left at", list.Markup, StringComparison.Ordinal);
        Assert.Same(ticket, returned);
    }

    [Fact]
    public void WaitingTable_Empty_SaysNobodyIsWaiting()
    {
        var table = Render<WaitingTable>(p => p.Add(t => t.Tickets, new List<WaitingTicket>()));

        Assert.Contains("Nobody is waiting.", table.Markup);
    }

    [Fact]
    public void CurrentTicketCard_Called_OffersStartAndNoAnswer_InProgressOffersOnlyOutcomes()
    {
        var session = QueueTestData.OpenTuesday();
        var ticket = session.CheckIn(QueueTestData.Student("Ada Lovelace"), Noon);
        ticket.Call("cw", "Sam", "Advice room 1", Noon.AddMinutes(5));

        var called = Render<CurrentTicketCard>(p => p.Add(c => c.Ticket, ticket));
        Assert.Contains("Called to Advice room 1 at 12:05", called.Markup);
        Assert.Contains(called.FindAll("button"), b => b.TextContent.Contains("No answer"));

        ticket.Start("cw", Noon.AddMinutes(6));
        var inProgress = Render<CurrentTicketCard>(p => p.Add(c => c.Ticket, ticket));
        var buttons = inProgress.FindAll("button").Select(b => b.TextContent.Trim()).ToList();
        Assert.DoesNotContain(buttons, b => b.Contains("No answer"));
        Assert.Equal(["Advice given", "Appointment booked", "Referred elsewhere", "Case opened"], buttons);
    }

    [Fact]
    public void CurrentTicketCard_FinishButton_ReportsTheOutcome()
    {
        var session = QueueTestData.OpenTuesday();
        var ticket = session.CheckIn(QueueTestData.Student(), Noon);
        ticket.Call("cw", "Sam", "Advice room 1", Noon);
        VisitOutcome? chosen = null;

        var card = Render<CurrentTicketCard>(p => p.Add(c => c.Ticket, ticket).Add(c => c.OnFinish, (VisitOutcome o) => chosen = o));
        card.FindAll("button").Single(b => b.TextContent.Contains("Referred elsewhere")).Click();

        Assert.Equal(VisitOutcome.ReferredElsewhere, chosen);
    }

    [Fact]
    public void SessionSummaryCard_ShowsCountsAndWaits()
    {
        var summary = new SessionSummary(9, 6, 1, 1, 1, TimeSpan.FromMinutes(17.4), TimeSpan.FromMinutes(48));

        var card = Render<SessionSummaryCard>(p => p.Add(c => c.Summary, summary));

        var rows = card.FindAll("tr").Select(r => r.TextContent.Trim()).ToList();
        Assert.Contains("Seen6", rows);
        Assert.Contains("Average wait17 min", rows);
        Assert.Contains("Longest wait48 min", rows);
    }

    [Fact]
    public void CheckInForm_MissingName_ShowsTheMessageAndDoesNotCheckIn()
    {
        Render<MudPopoverProvider>();
        var calls = 0;
        var form = Render<CheckInForm>(p => p.Add(f => f.OnCheckIn, _ =>
        {
            calls++;
            return Task.FromResult(true);
        }));

        form.Find("form").Submit();

        Assert.Equal(0, calls);
        Assert.Contains("Enter the student's name.", form.Markup);
        Assert.Contains("Enter what the visit is about.", form.Markup);
    }

    [Fact]
    public void CheckInForm_Valid_PassesTheDetailsAndShowsTheTicket()
    {
        StudentDetails? received = null;
        var form = Render<CheckInForm>(p => p
            .Add(f => f.OnCheckIn, m =>
            {
                received = m.ToDetails();
                return Task.FromResult(true);
            })
            .Add(f => f.LastTicketCode, "A07"));

        var inputs = form.FindAll("input[type=text], input:not([type])");
        inputs[0].Input("Ada Lovelace");
        form.FindAll("input[type=text], input:not([type])")[3].Input("Exam allowances");
        form.Find("form").Submit();

        Assert.Equal("Ada Lovelace", received?.Name);
        Assert.Equal("Exam allowances", received?.Topic);
        Assert.Equal("A07", form.Find("[data-testid=last-ticket]").TextContent);
    }
}
