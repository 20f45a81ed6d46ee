using System.Globalization;
using DropIn.Domain;
using DropIn.Domain.Calendar;
using DropIn.Domain.Complaints;
using DropIn.Domain.Enquiries;
using DropIn.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace DropIn.Tests.Domain;

public sealed class ComplaintRulesTests
{
    // A Christmas closure between the bank holidays, as a manager would record it.
    private static readonly WorkingCalendar Calendar = new([new DateOnly(2026, 12, 29), new DateOnly(2026, 12, 30), new DateOnly(2026, 12, 31)]);

    [Theory]
    [InlineData("2026-11-23 10:00", "2026-11-30", "2026-12-21")] // Monday morning: 5 and 20 working days on
    [InlineData("2026-12-18 17:30", "2027-01-05", "2027-01-26")] // Friday after closing, then Christmas, Boxing Day's substitute, the closure and New Year
    [InlineData("2026-04-01 12:00", "2026-04-10", "2026-05-01")] // before Easter: Good Friday and Easter Monday skipped
    [InlineData("2026-03-27 16:00", "2026-04-07", "2026-04-28")] // the weekend the clocks go forward, then Easter
    [InlineData("2026-10-23 16:00", "2026-10-30", "2026-11-20")] // the weekend the clocks go back
    [InlineData("2026-11-28 11:00", "2026-12-07", "2027-01-05")] // Saturday counts from Monday; the response runs over Christmas and the closure
    public void Deadlines_TableOfDates_AcknowledgeIn5AndRespondIn20WorkingDays_At17(string received, string acknowledgeBy, string respondBy)
    {
        var deadlines = ComplaintDeadlines.For(Parse(received), Calendar, ComplaintTimescales.Default);

        Assert.Equal(WorkingCalendar.EndOf(Day(acknowledgeBy)), deadlines.AcknowledgeBy);
        Assert.Equal(WorkingCalendar.EndOf(Day(respondBy)), deadlines.RespondBy);
    }

    [Fact]
    public void Deadlines_EitherSideOfTheClockChange_Are17LondonTime_NotUtc()
    {
        // Received in GMT, due in BST (clocks forward 29 March 2026): 17:00 London is 16:00 UTC.
        Assert.Equal(16, ComplaintDeadlines.For(Parse("2026-03-27 16:00"), Calendar, ComplaintTimescales.Default).AcknowledgeBy.UtcDateTime.Hour);
        // Received in BST, due in GMT (clocks back 25 October 2026): 17:00 London is 17:00 UTC.
        Assert.Equal(17, ComplaintDeadlines.For(Parse("2026-10-23 16:00"), Calendar, ComplaintTimescales.Default).AcknowledgeBy.UtcDateTime.Hour);
    }

    [Fact]
    public void Deadlines_AServicesOwnTimescales_AreUsed()
    {
        var deadlines = ComplaintDeadlines.For(Parse("2026-11-23 10:00"), Calendar, new ComplaintTimescales(3, 10));

        Assert.Equal(WorkingCalendar.EndOf(Day("2026-11-26")), deadlines.AcknowledgeBy);
        Assert.Equal(WorkingCalendar.EndOf(Day("2026-12-07")), deadlines.RespondBy);
    }

    [Theory]
    [InlineData(0, 20)]
    [InlineData(5, 61)]
    [InlineData(10, 5)]
    public void Timescales_OutOfRangeOrResponseBeforeAcknowledgement_AreRefused(int acknowledge, int respond) =>
        Assert.Throws<RuleException>(() => new ComplaintTimescales(acknowledge, respond).Checked());

    [Fact]
    public void Deadlines_AnyReceipt_AreWorkingDaysAt17_ResponseNotBeforeAcknowledgement()
    {
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var receipts = Gen.Choose(0, 60 * 24 * 365 * 5).Select(minutes => start.AddMinutes(minutes)).ToArbitrary();

        Prop.ForAll(receipts, received =>
        {
            var d = ComplaintDeadlines.For(received, Calendar, ComplaintTimescales.Default);
            var acknowledge = LondonTime.ToLocal(d.AcknowledgeBy);
            var respond = LondonTime.ToLocal(d.RespondBy);
            return Calendar.IsWorkingDay(DateOnly.FromDateTime(acknowledge.DateTime)) && Calendar.IsWorkingDay(DateOnly.FromDateTime(respond.DateTime))
                && acknowledge.TimeOfDay == TimeSpan.FromHours(17) && respond.TimeOfDay == TimeSpan.FromHours(17)
                && d.AcknowledgeBy > received && d.RespondBy == WorkingCalendar.EndOf(Calendar.WorkingDaysAfter(DateOnly.FromDateTime(acknowledge.DateTime), 15));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Assign_TheMemberOfStaffComplainedAbout_IsRefused()
    {
        var complaint = Received(about: "maria");

        var refused = Assert.Throws<RuleException>(() => complaint.Assign("maria"));

        Assert.Contains("someone else must handle it", refused.Message, StringComparison.Ordinal);
        Assert.False(complaint.MayHandle("maria"));
        Assert.True(complaint.IsAbout("maria"));
        complaint.Assign("omar");
        Assert.Equal("omar", complaint.HandlerId);
    }

    [Fact]
    public void Respond_WithoutAHandler_OrBySomeoneElse_IsRefused_ByTheHandler_AnswersAndAcknowledges()
    {
        var complaint = Received();
        var now = Parse("2026-11-25 10:00");

        Assert.Throws<RuleException>(() => complaint.Respond(ComplaintOutcome.Upheld, "Dear…", "omar", now));
        complaint.Assign("omar");
        Assert.Throws<RuleException>(() => complaint.Respond(ComplaintOutcome.Upheld, "Dear…", "priya", now));
        Assert.Throws<RuleException>(() => complaint.Respond(ComplaintOutcome.Upheld, "  ", "omar", now));

        complaint.Respond(ComplaintOutcome.PartlyUpheld, "Dear Sam, …", "omar", now);

        Assert.Equal(ComplaintState.Answered, complaint.StateAt(now));
        Assert.Equal(now, complaint.AcknowledgedAt);
        Assert.Throws<RuleException>(() => complaint.Respond(ComplaintOutcome.Upheld, "Again", "omar", now));
    }

    [Fact]
    public void Recompute_AfterAClosureDay_MovesOnlyTheDeadlinesStillToMeet()
    {
        var closedTuesday = new WorkingCalendar([new DateOnly(2026, 11, 24), new DateOnly(2026, 12, 29), new DateOnly(2026, 12, 30), new DateOnly(2026, 12, 31)]);
        var waiting = Received();
        var acknowledged = Received();
        acknowledged.Acknowledge("omar", Parse("2026-11-23 11:00"), Parse("2026-11-23 11:00"));
        var answered = Received();
        answered.Assign("omar");
        answered.Respond(ComplaintOutcome.Upheld, "Dear Sam, …", "omar", Parse("2026-11-23 12:00"));
        var answeredDue = answered.RespondBy;

        Assert.True(waiting.Recompute(closedTuesday, ComplaintTimescales.Default));
        Assert.True(acknowledged.Recompute(closedTuesday, ComplaintTimescales.Default));
        Assert.False(answered.Recompute(closedTuesday, ComplaintTimescales.Default));
        Assert.False(waiting.Recompute(closedTuesday, ComplaintTimescales.Default));

        Assert.Equal((WorkingCalendar.EndOf(Day("2026-12-01")), WorkingCalendar.EndOf(Day("2026-12-22"))), (waiting.AcknowledgeBy, waiting.RespondBy));
        Assert.Equal((WorkingCalendar.EndOf(Day("2026-11-30")), WorkingCalendar.EndOf(Day("2026-12-22"))), (acknowledged.AcknowledgeBy, acknowledged.RespondBy));
        Assert.Equal(answeredDue, answered.RespondBy);
    }

    [Theory]
    [InlineData(ComplaintOutcome.NotUpheld, ComplaintOutcome.Upheld, ComplaintOutcome.NotUpheld)]
    [InlineData(ComplaintOutcome.Upheld, ComplaintOutcome.NotUpheld, ComplaintOutcome.Upheld)]
    [InlineData(ComplaintOutcome.PartlyUpheld, ComplaintOutcome.PartlyUpheld, null)]
    [InlineData(ComplaintOutcome.Upheld, ComplaintOutcome.Upheld, null)]
    public void ALetterStatingAnotherDecision_IsFound(ComplaintOutcome drafted, ComplaintOutcome chosen, ComplaintOutcome? contradiction)
    {
        var letter = ComplaintLetters.ResponseDraft("Sam", "CP007", 1, drafted, new DateOnly(2026, 12, 1), "advice@example.ac.uk");

        Assert.Equal(contradiction, ComplaintLetters.ContradictedBy(letter, chosen));
        Assert.Null(ComplaintLetters.ContradictedBy("Dear Sam, we have decided to uphold your complaint.", ComplaintOutcome.NotUpheld));
    }

    [Fact]
    public void Escalate_BeginsStage2_WithItsOwnDeadlines_KeepsStage1_AndRefusesStage1sHandler()
    {
        var complaint = Received(about: "maria");
        complaint.Assign("omar");
        complaint.Respond(ComplaintOutcome.NotUpheld, "Dear Sam, …", "omar", Parse("2026-12-01 11:00"));
        var stageOneDue = complaint.RespondBy;

        Assert.Throws<RuleException>(() => complaint.Escalate(Parse("2026-11-30 11:00"), Parse("2026-12-03 11:00"), Calendar, ComplaintTimescales.Default));
        complaint.Escalate(Parse("2026-12-03 11:00"), Parse("2026-12-03 11:05"), Calendar, ComplaintTimescales.Default);

        Assert.Equal(2, complaint.Stage);
        Assert.True(complaint.IsOpen);
        Assert.Null(complaint.HandlerId);
        Assert.Equal(WorkingCalendar.EndOf(Day("2026-12-10")), complaint.AcknowledgeBy);
        Assert.Equal(WorkingCalendar.EndOf(Day("2027-01-08")), complaint.RespondBy); // over Christmas, the closure and New Year
        Assert.Equal(ComplaintOutcome.NotUpheld, complaint.StageOneOutcome);
        Assert.Equal(Parse("2026-12-01 11:00"), complaint.StageOneRespondedAt);
        Assert.Equal(stageOneDue, complaint.StageOneRespondBy);
        Assert.Equal("Dear Sam, …", complaint.StageOneResponse);
        Assert.Throws<RuleException>(() => complaint.Assign("omar"));
        Assert.Throws<RuleException>(() => complaint.Assign("maria"));
        complaint.Assign("priya");
        Assert.Throws<RuleException>(() => complaint.Escalate(Parse("2026-12-03 11:00"), Parse("2026-12-03 11:05"), Calendar, ComplaintTimescales.Default));
    }

    [Fact]
    public void Escalate_BeforeStage1IsAnswered_IsRefused() =>
        Assert.Throws<RuleException>(() => Received().Escalate(Parse("2026-11-24 10:00"), Parse("2026-11-24 10:00"), Calendar, ComplaintTimescales.Default));

    [Fact]
    public void StateAt_MovesFromToAcknowledge_ToOverdue_AndInHandAfterAcknowledgement_UntilTheResponseIsLate()
    {
        var complaint = Received(); // acknowledge by Mon 30 Nov, respond by Mon 21 Dec

        Assert.Equal(ComplaintState.ToAcknowledge, complaint.StateAt(Parse("2026-11-30 16:59")));
        Assert.Equal(ComplaintState.Overdue, complaint.StateAt(Parse("2026-11-30 17:00")));
        complaint.Acknowledge("omar", Parse("2026-12-01 09:00"), Parse("2026-12-01 09:00"));
        Assert.Equal(ComplaintState.InHand, complaint.StateAt(Parse("2026-12-21 16:59")));
        Assert.Equal(ComplaintState.Overdue, complaint.StateAt(Parse("2026-12-21 17:00")));
        Assert.Equal(complaint.RespondBy, complaint.NextDeadline);
    }

    [Theory]
    [InlineData("", "Something went wrong")]
    [InlineData("Sam", "")]
    public void Record_WithoutANameOrWhatItIsAbout_IsRefused(string name, string summary) =>
        Assert.Throws<RuleException>(() => Complaint.Record(1, EnquiryChannel.Email, Parse("2026-11-23 10:00"), Parse("2026-11-23 10:00"), name, null, summary, null, null, null, "omar", Calendar, ComplaintTimescales.Default));

    [Fact]
    public void Record_ReceivedInTheFuture_IsRefused() =>
        Assert.Throws<RuleException>(() => Complaint.Record(1, EnquiryChannel.Email, Parse("2026-11-24 10:00"), Parse("2026-11-23 10:00"), "Sam", null, "It took weeks", null, null, null, "omar", Calendar, ComplaintTimescales.Default));

    private static Complaint Received(string? about = null) =>
        Complaint.Record(7, EnquiryChannel.Email, Parse("2026-11-23 10:00"), Parse("2026-11-23 10:05"), "Sam Student", "sam@example.ac.uk", "Nobody called me back.", about, null, null, "omar", Calendar, ComplaintTimescales.Default);

    private static DateOnly Day(string date) => DateOnly.Parse(date, CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string local)
    {
        var dt = DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return London.At(dt.Year, dt.Month, dt.Day, dt.Hour, dt.Minute);
    }
}
