using System.Reflection;
using DropIn.Domain;
using DropIn.Domain.Calendar;
using DropIn.Domain.Cases;
using DropIn.Domain.Enquiries;
using DropIn.Domain.Feedback;
using DropIn.Domain.Retention;
using DropIn.Tests.Infrastructure;

namespace DropIn.Tests.Domain;

public sealed class FeedbackRulesTests
{
    private static readonly WorkingCalendar Calendar = new([]);

    [Fact]
    public void FeedbackDue_ThreeLondonDaysAfterFirstContact_From10()
    {
        var due = InvitationSchedule.FeedbackDue(London.At(2026, 11, 24, 15, 0), 3, Calendar);

        Assert.Equal(London.At(2026, 11, 27, 10, 0), due);
    }

    [Fact]
    public void FeedbackDue_FallingOnASaturday_MovesToMonday()
    {
        Assert.Equal(London.At(2026, 11, 30, 10, 0), InvitationSchedule.FeedbackDue(London.At(2026, 11, 25, 11, 0), 3, Calendar));
    }

    [Fact]
    public void FeedbackDue_CountsLondonDates_NotUtc()
    {
        // 23:30 UTC on Tuesday 30 June is already Wednesday 1 July in London (BST): due Saturday 4 July, so Monday 6 July.
        var firstContact = new DateTimeOffset(2026, 6, 30, 23, 30, 0, TimeSpan.Zero);

        var due = InvitationSchedule.FeedbackDue(firstContact, 3, Calendar);

        Assert.Equal(new DateTimeOffset(2026, 7, 6, 9, 0, 0, TimeSpan.Zero), due);
    }

    [Theory]
    [InlineData(2026, 10, 22, 2026, 10, 26, 10)] // due on the Sunday the clocks go back: Monday 10:00 GMT is 10:00 UTC
    [InlineData(2026, 3, 25, 2026, 3, 30, 9)] // due the Saturday before the clocks go forward: Monday 10:00 BST is 09:00 UTC
    public void FeedbackDue_AcrossAClockChange_Is10LondonTime(int y, int m, int d, int dueY, int dueM, int dueD, int utcHour)
    {
        var due = InvitationSchedule.FeedbackDue(London.At(y, m, d, 12, 0), 3, Calendar);

        Assert.Equal(new DateTimeOffset(dueY, dueM, dueD, utcHour, 0, 0, TimeSpan.Zero), due);
        Assert.Equal(new TimeOnly(10, 0), TimeOnly.FromDateTime(LondonTime.ToLocal(due).DateTime));
    }

    [Theory]
    [InlineData(2026, 11, 30, 3, 2027, 3, 1)] // 30 November + 3 months is 28 February (clamped), a Sunday: Monday 1 March
    [InlineData(2027, 8, 31, 6, 2028, 2, 29)] // 31 August + 6 months is 29 February in a leap year, a Tuesday
    [InlineData(2026, 9, 25, 3, 2026, 12, 29)] // 25 December and the substitute Boxing Day are bank holidays: Tuesday 29th
    public void ImpactDue_MonthsAfterClosing_ClampedToMonthEnd_OnAWorkingDay(int y, int m, int d, int months, int dueY, int dueM, int dueD)
    {
        var due = InvitationSchedule.ImpactDue(London.At(y, m, d, 16, 0), months, Calendar);

        Assert.Equal(London.At(dueY, dueM, dueD, 10, 0), due);
    }

    [Fact]
    public void ImpactDue_OnAClosureDay_MovesToTheNextWorkingDay()
    {
        var closed = new WorkingCalendar([new DateOnly(2027, 3, 1)]);

        Assert.Equal(London.At(2027, 3, 2, 10, 0), InvitationSchedule.ImpactDue(London.At(2026, 11, 30, 16, 0), 3, closed));
    }

    [Theory]
    [InlineData(2026, 11, 27, 9, 59, false)] // due day, before 10:00
    [InlineData(2026, 11, 27, 10, 0, true)]
    [InlineData(2026, 11, 27, 16, 59, true)]
    [InlineData(2026, 11, 27, 17, 0, false)] // after hours: waits for the next working morning
    [InlineData(2026, 11, 28, 11, 0, false)] // Saturday
    [InlineData(2026, 11, 30, 10, 0, true)] // caught up on Monday after downtime
    [InlineData(2026, 12, 29, 10, 0, false)] // more than 30 days late: no longer "shortly after", never sent
    public void SendNow_OnlyDueDuringWorkingHours_AndNotLongAfter(int y, int m, int d, int h, int min, bool expected)
    {
        var due = London.At(2026, 11, 27, 10, 0);

        Assert.Equal(expected, InvitationSchedule.SendNow(due, London.At(y, m, d, h, min), Calendar));
    }

    [Fact]
    public void Permission_NeverAsked_IsNotAYes()
    {
        Assert.Null(FeedbackPermission.Effective(null, []));
    }

    [Fact]
    public void Permission_TheLatestAnswerCounts_BookingTickOrOptOut()
    {
        var no = new FeedbackPermission(false, London.At(2026, 11, 2, 10, 0), "staff-1");
        var tick = London.At(2026, 11, 9, 10, 0);
        var optOut = new FeedbackPermission(false, London.At(2026, 11, 20, 10, 0), FeedbackPermission.ByStudentOptOut);

        var afterTick = FeedbackPermission.Effective(no, [tick]);
        var afterOptOut = FeedbackPermission.Effective(optOut, [tick]);

        Assert.Equal(new FeedbackPermission(true, tick, FeedbackPermission.ByStudentWhenBooking), afterTick);
        Assert.Equal(optOut, afterOptOut);
    }

    [Fact]
    public void Student_Merge_KeepsTheMoreRecentPermission()
    {
        var kept = Student.Register(new StudentProfile("Ada Lovelace"), "staff-1", London.At(2026, 11, 2, 10, 0));
        var duplicate = Student.Register(new StudentProfile("Ada Lovelace"), "staff-1", London.At(2026, 11, 3, 10, 0));
        kept.RecordFeedbackPermission(true, "staff-1", London.At(2026, 11, 2, 10, 0));
        duplicate.RecordFeedbackPermission(false, FeedbackPermission.ByStudentOptOut, London.At(2026, 11, 10, 10, 0));

        kept.Absorb(duplicate);

        Assert.False(kept.FeedbackPermission!.Given);
        Assert.Equal(FeedbackPermission.ByStudentOptOut, kept.FeedbackPermission.By);
    }

    [Fact]
    public void Invitation_OnceKey_OnePerStudentForFeedback_OnePerCaseForImpact()
    {
        var student = Guid.NewGuid();
        var @case = Guid.NewGuid();

        Assert.Equal($"Feedback|{student:N}", FeedbackInvitation.OnceKeyOf(InvitationKind.Feedback, student, null));
        Assert.Equal($"Impact|{@case}", FeedbackInvitation.OnceKeyOf(InvitationKind.Impact, student, @case));
        Assert.Throws<ArgumentNullException>(() => FeedbackInvitation.OnceKeyOf(InvitationKind.Impact, student, null));
    }

    [Fact]
    public void Invitation_UsedTwice_IsRefused()
    {
        var invitation = Invitation(InvitationKind.Feedback);
        invitation.MarkUsed();

        Assert.Throws<RuleException>(invitation.MarkUsed);
    }

    [Fact]
    public void Response_KeepsTheMonthAndCoarseAttributes_OnlyAnswersOfItsForm()
    {
        var response = FeedbackResponse.Feedback(Invitation(InvitationKind.Feedback), new FeedbackAnswers(4, Recommend.Yes, Understanding.Partly, "  "), London.At(2026, 11, 30, 23, 30));

        Assert.Equal(new YearMonth(2026, 11), response.Month);
        Assert.Equal(EnquiryChannel.Email, response.Channel);
        Assert.Equal(LevelOfStudyBand.Postgraduate, response.LevelOfStudy);
        Assert.Null(response.Comments);
        Assert.Null(response.WhatHappened);
        Assert.Throws<RuleException>(() => FeedbackResponse.Impact(Invitation(InvitationKind.Feedback), new ImpactAnswers(AfterSupport.Resolved, Change.Better, Change.Better, null), London.At(2026, 11, 30, 12, 0)));
        Assert.Throws<RuleException>(() => FeedbackResponse.Feedback(Invitation(InvitationKind.Feedback), new FeedbackAnswers(6, Recommend.Yes, Understanding.Yes, null), London.At(2026, 11, 30, 12, 0)));
    }

    [Fact]
    public void Response_HasNoLinkToAPerson_ByConstruction()
    {
        // Its only Guid is its own id; no instants (only a month); nothing named like a student, case, invitation or token.
        var properties = typeof(FeedbackResponse).GetProperties(BindingFlags.Public | BindingFlags.Instance);

        Assert.Equal(["Id"], properties.Where(p => p.PropertyType == typeof(Guid) || p.PropertyType == typeof(Guid?)).Select(p => p.Name));
        Assert.DoesNotContain(properties, p => p.PropertyType == typeof(DateTimeOffset) || p.PropertyType == typeof(DateTimeOffset?) || p.PropertyType == typeof(DateOnly));
        Assert.DoesNotContain(properties, p => new[] { "Student", "Case", "Invitation", "Token", "Email", "Address" }.Any(w => p.Name.Contains(w, StringComparison.Ordinal) && p.Name != nameof(FeedbackResponse.StudentStatus)));
    }

    private static FeedbackInvitation Invitation(InvitationKind kind) => FeedbackInvitation.Create(
        kind, Guid.NewGuid(), kind == InvitationKind.Impact ? Guid.NewGuid() : null, "hash", EnquiryChannel.Email, StudentStatus.Current, LevelOfStudyBand.Postgraduate, London.At(2026, 11, 2, 10, 0));
}
