using System.Globalization;
using DropIn.Domain;
using DropIn.Domain.Calendar;
using DropIn.Domain.Cases;
using DropIn.Tests.Infrastructure;

namespace DropIn.Tests.Domain;

public sealed class CaseRulesTests
{
    private static readonly DateTimeOffset Now = London.At(2026, 11, 23, 10, 0); // Monday
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly Guid StudentId = Guid.NewGuid();

    private static Case Open() => Case.Open(StudentId, 1, 1, "Appeal against the Part IB result", "sam", Now);

    private static Consent ConsentFor(string thirdParty, DateOnly? givenOn = null) =>
        Consent.Record(StudentId, thirdParty, "The grounds of the appeal", "A letter of support", givenOn ?? Today, ConsentGivenBy.InPerson, 6, "sam", Now);

    [Fact]
    public void ChangeSummary_StartedFromAnOldVersion_IsRefusedWithTheirText()
    {
        var file = Open();
        var basedOn = file.Summary;
        file.ChangeSummary("Appeal: medical evidence not considered", basedOn, "priya", Now);

        var conflict = Assert.Throws<EditConflictException>(() => file.ChangeSummary("Appeal, with GP letter", basedOn, "sam", Now));

        Assert.Equal("Appeal: medical evidence not considered", conflict.Theirs);
        Assert.Equal("Appeal: medical evidence not considered", file.Summary);
        file.ChangeSummary("Appeal: medical evidence (GP letter) not considered", conflict.Theirs, "sam", Now);
        Assert.Equal("sam", file.SummaryChangedBy);
    }

    [Fact]
    public void ContactWithAThirdParty_NeedsMatchingConsent()
    {
        var file = Open();
        var draft = new EntryDraft(EntryKind.Contact, "Emailed the Senior Tutor", Method: ContactMethod.Email, ThirdParty: "Senior Tutor, Girton");

        Assert.Contains("no recorded consent", Assert.Throws<RuleException>(() => TimelineEntry.Record(file.Id, draft, [], null, "sam", Now)).Message);
        Assert.Throws<RuleException>(() => TimelineEntry.Record(file.Id, draft, [ConsentFor("Landlord")], null, "sam", Now));
        Assert.Throws<RuleException>(() => TimelineEntry.Record(file.Id, draft, [ConsentFor("Senior Tutor, Girton", Today.AddDays(1))], null, "sam", Now.AddHours(-1)));
        var withdrawn = ConsentFor("Senior Tutor, Girton");
        withdrawn.Withdraw(Now);
        Assert.Throws<RuleException>(() => TimelineEntry.Record(file.Id, draft, [withdrawn], null, "sam", Now));

        var consent = ConsentFor("senior tutor girton");
        var entry = TimelineEntry.Record(file.Id, draft, [consent], null, "sam", Now);

        Assert.Equal(consent.Id, entry.ConsentId);
        Assert.True(entry.SharesInformation);
    }

    [Fact]
    public void ContactWithTheStudent_NeedsNoConsent()
    {
        var entry = TimelineEntry.Record(Guid.NewGuid(), new EntryDraft(EntryKind.Contact, "Phoned Aisha", Method: ContactMethod.Phone), [], null, "sam", Now);

        Assert.Null(entry.ThirdParty);
        Assert.False(entry.SharesInformation);
    }

    [Fact]
    public void Referral_SharingInformationNeedsConsent_SignpostingDoesNot()
    {
        var signpost = Guid.NewGuid();
        var signposting = new EntryDraft(EntryKind.Referral, "Gave the Counselling Service's self-referral link", SignpostId: signpost);
        var sharing = signposting with { SharesInformation = true, Text = "Passed on her situation with her agreement" };

        Assert.False(TimelineEntry.Record(Guid.NewGuid(), signposting, [], "University Counselling Service", "sam", Now).SharesInformation);
        Assert.Throws<RuleException>(() => TimelineEntry.Record(Guid.NewGuid(), sharing, [], "University Counselling Service", "sam", Now));
        Assert.True(TimelineEntry.Record(Guid.NewGuid(), sharing, [ConsentFor("University Counselling Service")], "University Counselling Service", "sam", Now).SharesInformation);
    }

    [Fact]
    public void Meeting_NeedsTheBodyAndTheAgreedRole_AndMayBeInTheFuture()
    {
        var hearing = new EntryDraft(EntryKind.Meeting, "Preparation meeting held", Now.AddDays(9), MeetingBody: "Faculty Appeals Committee");

        Assert.Contains("role agreed", Assert.Throws<RuleException>(() => TimelineEntry.Record(Guid.NewGuid(), hearing, [], null, "sam", Now)).Message);
        Assert.Equal(MeetingRole.Representation, TimelineEntry.Record(Guid.NewGuid(), hearing with { Role = MeetingRole.Representation }, [], null, "sam", Now).Role);
        Assert.Throws<RuleException>(() => TimelineEntry.Record(Guid.NewGuid(), new EntryDraft(EntryKind.Note, "Tomorrow's note", Now.AddDays(1)), [], null, "sam", Now));
    }

    [Fact]
    public void Correction_IsANewEntry_TheOriginalStaysMarked()
    {
        var original = TimelineEntry.Record(Guid.NewGuid(), new EntryDraft(EntryKind.Advice, "Appeal deadline is 4 December"), [], null, "sam", Now);

        var correction = original.CorrectWith("Appeal deadline is 3 December", "priya", Now.AddHours(1));

        Assert.Equal("Appeal deadline is 4 December", original.Text);
        Assert.Equal(correction.Id, original.CorrectedById);
        Assert.Equal(original.Id, correction.CorrectsId);
        Assert.Equal(("priya", EntryKind.Advice, original.OccurredAt), (correction.RecordedBy, correction.Kind, correction.OccurredAt));
        Assert.Throws<RuleException>(() => original.CorrectWith("Again", "sam", Now));
        Assert.Throws<RuleException>(() => correction.CorrectWith(correction.Text, "sam", Now));
    }

    [Fact]
    public void ClosedCase_RefusesChanges_UntilReopened()
    {
        var file = Open();
        file.Close(new CaseClosing(CaseOutcome.Resolved, "Appeal upheld", ClosingCheck.All).Counted(), "sam", Now);

        Assert.Throws<RuleException>(() => file.ChangeSummary("x", file.Summary, "sam", Now));
        Assert.Throws<RuleException>(() => file.Close(new CaseClosing(CaseOutcome.Resolved, null, ClosingCheck.All).Counted(), "sam", Now));
        file.Reopen();
        Assert.Equal((CaseStatus.Open, (CaseOutcome?)null), (file.Status, file.Outcome));
    }

    [Fact]
    public void Caseworkers_TheLastOneCannotBeRemoved()
    {
        var file = Open();
        file.AddCaseworker("priya");
        file.AddCaseworker("priya");

        Assert.Equal(2, file.Caseworkers.Count);
        file.RemoveCaseworker("sam");
        Assert.Throws<RuleException>(() => file.RemoveCaseworker("priya"));
    }

    public static TheoryData<string, string, string?> DeadlineReminderDays => new()
    {
        // due on, today, reminder due (none / Advance / DueDay)
        { "2026-11-27", "2026-11-24", null },        // Friday deadline: Tuesday is three working days before
        { "2026-11-27", "2026-11-25", "Advance" },   // Wednesday: two working days before
        { "2026-11-30", "2026-11-25", null },        // Monday deadline: Wednesday is too early...
        { "2026-11-30", "2026-11-26", "Advance" },   // ...Thursday is two working days before (the weekend does not count)
        { "2026-12-29", "2026-12-21", null },        // over Christmas: 25 and 28 Dec (substitute Boxing Day) are bank holidays and
        { "2026-12-29", "2026-12-22", "Advance" },   // 24 Dec is a closure day, so the working days before the 29th are the 23rd and 22nd
        { "2026-11-27", "2026-11-27", "DueDay" },
        { "2026-11-27", "2026-11-30", "DueDay" },    // after downtime: still reminded, once
    };

    [Theory]
    [MemberData(nameof(DeadlineReminderDays))]
    public void DeadlineReminder_TwoWorkingDaysBefore_AndOnTheDay(string dueOn, string today, string? expected)
    {
        var deadline = CaseDeadline.Add(Guid.NewGuid(), "Appeal form", DateOnly.Parse(dueOn, CultureInfo.InvariantCulture), new DateOnly(2026, 11, 23));
        var calendar = new WorkingCalendar([new DateOnly(2026, 12, 24)]);

        Assert.Equal(expected, deadline.ReminderDue(DateOnly.Parse(today, CultureInfo.InvariantCulture), calendar)?.ToString());
    }

    [Fact]
    public void DeadlineReminder_EachOnce_AndNoneOnceMet()
    {
        var deadline = CaseDeadline.Add(Guid.NewGuid(), "Appeal form", new DateOnly(2026, 11, 27), Today);
        var calendar = new WorkingCalendar([]);

        deadline.MarkAdvanceReminded(Now);
        Assert.Null(deadline.ReminderDue(new DateOnly(2026, 11, 26), calendar));
        Assert.Equal(DeadlineReminder.DueDay, deadline.ReminderDue(new DateOnly(2026, 11, 27), calendar));
        deadline.MarkMet(Now);
        Assert.Null(deadline.ReminderDue(new DateOnly(2026, 11, 27), calendar));
        Assert.Throws<RuleException>(() => CaseDeadline.Add(Guid.NewGuid(), "Too late", Today.AddDays(-1), Today));
    }

    [Fact]
    public void ServiceInformation_AddsToWhatWasGiven_AndRefusesNothingOrUnknownItems()
    {
        var c = Open();
        c.RecordInformationGiven(new ServiceInformationGiven(ServiceInformation.CodeOfPractice, InformationChannel.Email), "sam", Now);
        c.RecordInformationGiven(new ServiceInformationGiven(ServiceInformation.ComplaintsProcedure, InformationChannel.Printed), "priya", Now.AddDays(1));

        Assert.Equal(ServiceInformation.CodeOfPractice | ServiceInformation.ComplaintsProcedure, c.InformationGiven);
        Assert.Equal((InformationChannel.Printed, "priya", Now.AddDays(1)), (c.InformationGivenHow!.Value, c.InformationGivenBy!, c.InformationGivenAt!.Value));
        Assert.Throws<RuleException>(() => c.RecordInformationGiven(new ServiceInformationGiven(ServiceInformation.None, InformationChannel.Email), "sam", Now));
        Assert.Throws<RuleException>(() => c.RecordInformationGiven(new ServiceInformationGiven((ServiceInformation)8, InformationChannel.Email), "sam", Now));
        Assert.Throws<RuleException>(() => c.RecordInformationGiven(new ServiceInformationGiven(ServiceInformation.All, (InformationChannel)99), "sam", Now));
        Assert.Null(ServiceInformationGiven.Of(ServiceInformation.None, InformationChannel.InPerson));
    }

    [Fact]
    public void ConflictCheck_KeepsTheLatestResult_WithTheDisputesInOrder()
    {
        var c = Open();
        c.RecordConflictCheck(["D007", "D003"], "sam", Now);
        Assert.Equal((ConflictFinding.PartyToDispute, "D003, D007"), (c.ConflictFinding!.Value, c.ConflictDisputes!));

        c.RecordConflictCheck([], "priya", Now.AddDays(2));
        Assert.Equal((ConflictFinding.NoneFound, null, "priya", Now.AddDays(2)), (c.ConflictFinding!.Value, c.ConflictDisputes, c.ConflictCheckedBy!, c.ConflictCheckedAt!.Value));
    }
}
