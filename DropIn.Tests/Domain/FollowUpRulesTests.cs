using DropIn.Domain;
using DropIn.Domain.Calendar;
using DropIn.Domain.Cases;
using DropIn.Tests.Infrastructure;

namespace DropIn.Tests.Domain;

/// <summary>
/// A case nobody has been in touch about is followed up or closed: the caseworkers are prompted after a number of
/// working days without contact with the student, or on the follow-up date they set, once per due day.
/// </summary>
public sealed class FollowUpRulesTests
{
    private static readonly WorkingCalendar Calendar = new([]);

    private static Case OpenedOn(int year, int month, int day) => Case.Open(Guid.NewGuid(), 1, 1, "Deposit not returned", "sam", London.At(year, month, day, 10, 0));

    [Theory]
    [InlineData(EntryKind.Advice, null, true)]
    [InlineData(EntryKind.Meeting, null, true)]
    [InlineData(EntryKind.Contact, null, true)]
    [InlineData(EntryKind.Contact, "Landlord", false)]
    [InlineData(EntryKind.Note, null, false)]
    [InlineData(EntryKind.Action, null, false)]
    [InlineData(EntryKind.Referral, null, false)]
    [InlineData(EntryKind.Document, null, false)]
    public void ContactIsAdviceAMeetingOrAContactWithTheStudentThemselves(EntryKind kind, string? thirdParty, bool counts) =>
        Assert.Equal(counts, FollowUpRules.IsContact(kind, thirdParty));

    [Fact]
    public void TwentyWorkingDaysWithoutContact_CountOverChristmasAndNewYearBankHolidays_AndAClosureDay()
    {
        // From Friday 11 December 2026: 25 and 28 December (Boxing Day's substitute) and 1 January are bank holidays.
        var @case = OpenedOn(2026, 12, 11);

        var plan = FollowUpRules.Plan(@case, new DateOnly(2026, 12, 11), 20, Calendar);
        var withClosure = FollowUpRules.Plan(@case, new DateOnly(2026, 12, 11), 20, new WorkingCalendar([new DateOnly(2026, 12, 29)]));

        Assert.Equal(new FollowUpPlan(new DateOnly(2026, 12, 11), new DateOnly(2026, 12, 11), new DateOnly(2027, 1, 13), DateSet: false), plan);
        Assert.Equal(new DateOnly(2027, 1, 14), withClosure.DueOn);
        Assert.False(plan.IsDue(new DateOnly(2027, 1, 12)));
        Assert.True(plan.IsDue(new DateOnly(2027, 1, 13)));
    }

    [Fact]
    public void WithNoContactYet_TheWorkingDaysCountFromTheDayTheCaseWasOpened()
    {
        var @case = OpenedOn(2026, 11, 23);

        var plan = FollowUpRules.Plan(@case, lastContact: null, 5, Calendar);

        Assert.Equal((null, new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 30)), (plan.LastContact, plan.QuietSince, plan.DueOn));
    }

    [Fact]
    public void AFollowUpDateSetSinceTheLastContact_ReplacesTheLimit_EarlierOrLater_AndOnABankHolidayFallsDueTheNextWorkingDay()
    {
        var @case = OpenedOn(2026, 11, 23);
        var today = new DateOnly(2026, 11, 23);

        @case.SetFollowUp(new DateOnly(2026, 11, 26), today);
        Assert.Equal(new FollowUpPlan(null, today, new DateOnly(2026, 11, 26), DateSet: true), FollowUpRules.Plan(@case, null, 20, Calendar));

        // Christmas Day 2026 is a Friday and Monday 28 December is Boxing Day's substitute.
        @case.SetFollowUp(new DateOnly(2026, 12, 25), today);
        Assert.Equal(new DateOnly(2026, 12, 29), FollowUpRules.Plan(@case, null, 20, Calendar).DueOn);

        @case.SetFollowUp(new DateOnly(2027, 3, 1), today);
        Assert.Equal(new DateOnly(2027, 3, 1), FollowUpRules.Plan(@case, null, 20, Calendar).DueOn);
    }

    [Fact]
    public void AFollowUpDateMetByALaterContact_NoLongerCounts_TheLimitRunsFromThatContact()
    {
        var @case = OpenedOn(2026, 11, 23);
        @case.SetFollowUp(new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 23));

        var plan = FollowUpRules.Plan(@case, new DateOnly(2026, 11, 26), 5, Calendar);

        Assert.Equal(new FollowUpPlan(new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 26), new DateOnly(2026, 12, 3), DateSet: false), plan);
    }

    [Fact]
    public void ThePromptGoesOncePerDueDay_AgainWhenAContactMovesTheDueDay_AndNeverForAClosedCase()
    {
        var @case = OpenedOn(2026, 11, 23);
        var first = FollowUpRules.Plan(@case, null, 5, Calendar); // due Monday 30 November

        Assert.False(@case.FollowUpPromptDue(first, new DateOnly(2026, 11, 27)));
        Assert.True(@case.FollowUpPromptDue(first, new DateOnly(2026, 11, 30)));
        @case.MarkFollowUpPrompted(first);
        Assert.False(@case.FollowUpPromptDue(first, new DateOnly(2026, 12, 1)));

        var afterCall = FollowUpRules.Plan(@case, new DateOnly(2026, 12, 1), 5, Calendar); // due Tuesday 8 December
        Assert.False(@case.FollowUpPromptDue(afterCall, new DateOnly(2026, 12, 7)));
        Assert.True(@case.FollowUpPromptDue(afterCall, new DateOnly(2026, 12, 8)));

        @case.Close(new CaseClosing(CaseOutcome.Resolved, null, ClosingCheck.All).Counted(), "sam", London.At(2026, 12, 8, 8, 0));
        Assert.False(@case.FollowUpPromptDue(afterCall, new DateOnly(2026, 12, 8)));
    }

    [Fact]
    public void AFollowUpDate_IsAfterToday_WithinAYear_OnAnOpenCase_AndCanBeCleared()
    {
        var @case = OpenedOn(2026, 11, 23);
        var today = new DateOnly(2026, 11, 23);

        Assert.Equal("Choose a day after today to follow up; contact made today is recorded on the timeline.",
            Assert.Throws<RuleException>(() => @case.SetFollowUp(today, today)).Message);
        Assert.Throws<RuleException>(() => @case.SetFollowUp(new DateOnly(2026, 11, 22), today));
        Assert.Throws<RuleException>(() => @case.SetFollowUp(new DateOnly(2027, 11, 24), today));
        @case.SetFollowUp(new DateOnly(2027, 11, 23), today);
        @case.SetFollowUp(null, today);
        Assert.Null(@case.FollowUpOn);

        @case.Close(new CaseClosing(CaseOutcome.Resolved, null, ClosingCheck.All).Counted(), "sam", London.At(2026, 11, 23, 11, 0));
        Assert.Throws<RuleException>(() => @case.SetFollowUp(new DateOnly(2026, 11, 30), today));
    }
}
