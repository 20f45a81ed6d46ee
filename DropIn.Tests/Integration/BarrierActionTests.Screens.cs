using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Appointments;
using DropIn.Web.Features.Appointments.Diary;
using DropIn.Web.Features.Enquiries;

namespace DropIn.Tests.Integration;

/// <summary>The screens mark the rows a barrier hides, so they offer no action on them (the services refuse them anyway).</summary>
public sealed partial class BarrierActionTests
{
    [Fact]
    public async Task Screens_MarkEveryHiddenRow_AndADisputeTheManagerIsOn()
    {
        var day = DateOnly.FromDateTime(_wednesday.Date);
        var diary = await _app.UseAsync<DiaryService, DiaryView>(d => d.GetAsync(_sam, day, day));
        var neutralDiary = await _app.UseAsync<DiaryService, DiaryView>(d => d.GetAsync(_morgan, day, day));
        var board = await _app.UseAsync<EnquiryService, SlaBoard>(e => e.BoardAsync(_sam));
        var queue = await new QueueHarness(_app).ViewAsync(_wendy);
        var disputes = await Disputes(d => d.ListAsync(_wendy));

        Assert.Equal([true, true], diary.Entries.Select(e => e.Hidden));
        Assert.Equal([false, false], neutralDiary.Entries.Select(e => e.Hidden));
        Assert.Equal([true, true], board.Rows.Select(r => r.Hidden));
        Assert.Equal([true, true], queue.Waiting.Select(w => w.Hidden));
        Assert.Equal(queue.Waiting.Select(w => w.Ticket.Id).ToHashSet(), queue.Hidden);
        Assert.Equal(1, disputes.Single(v => v.Dispute.Id == _dispute.Id).YourSide);
        Assert.Null(disputes.Single(v => v.Dispute.Id == _otherDispute.Id).YourSide);
    }
}
