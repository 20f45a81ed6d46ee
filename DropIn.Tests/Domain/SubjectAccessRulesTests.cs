using DropIn.Domain;
using DropIn.Domain.Confidentiality;
using DropIn.Tests.Infrastructure;

namespace DropIn.Tests.Domain;

public sealed class SubjectAccessRulesTests
{
    private static readonly DateTimeOffset Received = London.At(2027, 1, 31, 10, 0);

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2027-01-31", "2027-02-28")] // no 31 February: the month's last day
    [InlineData("2028-01-31", "2028-02-29")] // leap year
    [InlineData("2028-01-29", "2028-02-29")]
    [InlineData("2027-01-29", "2027-02-28")]
    [InlineData("2027-01-28", "2027-02-28")]
    [InlineData("2027-03-30", "2027-04-30")]
    [InlineData("2027-03-31", "2027-04-30")]
    [InlineData("2027-04-30", "2027-05-30")] // the same date, not the month's end
    [InlineData("2026-12-31", "2027-01-31")] // across the year
    [InlineData("2027-02-28", "2027-03-28")]
    [InlineData("2028-02-29", "2028-03-29")]
    [InlineData("2027-08-31", "2027-09-30")]
    public void Deadline_IsTheSameDateNextMonth_OrThatMonthsLastDay(string received, string deadline) =>
        Assert.Equal(D(deadline), SubjectAccessDeadline.For(D(received)));

    [Theory]
    [InlineData("2027-01-31", 1, "2027-03-28")] // from the original deadline, 28 February
    [InlineData("2027-01-31", 2, "2027-04-28")]
    [InlineData("2028-01-31", 1, "2028-03-29")]
    [InlineData("2027-03-31", 1, "2027-05-30")]
    [InlineData("2027-03-31", 2, "2027-06-30")]
    [InlineData("2026-11-30", 2, "2027-02-28")]
    [InlineData("2027-12-31", 2, "2028-03-31")]
    public void ExtendedDeadline_CountsFromTheOriginalDeadline_TheSameWay(string received, int months, string deadline) =>
        Assert.Equal(D(deadline), SubjectAccessDeadline.Extended(SubjectAccessDeadline.For(D(received)), months));

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void ExtendedDeadline_BeyondTwoFurtherMonths_IsRefused(int months) =>
        Assert.Throws<RuleException>(() => SubjectAccessDeadline.Extended(D("2027-01-31"), months));

    private static SubjectAccessRequest NewRequest(DateOnly? receivedOn = null) =>
        SubjectAccessRequest.Record(1, Guid.NewGuid(), receivedOn ?? D("2027-01-31"), SubjectAccessChannel.Email, "morgan", Received);

    [Fact]
    public void Extension_OneThenTwoMonths_KeepsBothReasons_AndNeverMoreOrShorter()
    {
        var request = NewRequest();

        request.Extend(1, "Complex: five cases", "morgan", Received.AddDays(1));
        request.Extend(2, "Documents held off-site", "morgan", Received.AddDays(2));

        Assert.Equal(D("2027-04-28"), request.Deadline);
        Assert.Equal(2, request.ExtensionReason!.Split('\n').Length);
        Assert.Throws<RuleException>(() => request.Extend(3, "More", "morgan", Received.AddDays(3)));
        Assert.Throws<RuleException>(() => request.Extend(1, "Shorter", "morgan", Received.AddDays(3)));
        Assert.Throws<RuleException>(() => NewRequest().Extend(1, "  ", "morgan", Received));
    }

    [Fact]
    public void Extension_AfterTheOriginalDeadline_IsRefused()
    {
        var request = NewRequest();

        var refused = Assert.Throws<RuleException>(() => request.Extend(1, "Late", "morgan", London.At(2027, 3, 1, 9, 0)));

        Assert.Contains("first month", refused.Message, StringComparison.Ordinal);
        request.Extend(1, "On the last day", "morgan", London.At(2027, 2, 28, 16, 0));
        Assert.Equal(1, request.ExtensionMonths);
    }

    [Fact]
    public void FutureReceipt_IsRefused() =>
        Assert.Throws<RuleException>(() => SubjectAccessRequest.Record(1, Guid.NewGuid(), D("2027-02-01"), SubjectAccessChannel.Letter, "m", Received));

    [Theory]
    [InlineData("2027-02-20", 8, false, false)]
    [InlineData("2027-02-21", 7, true, false)]
    [InlineData("2027-02-28", 0, true, false)]
    [InlineData("2027-03-01", -1, false, true)]
    public void DaysLeft_DueSoon_Overdue(string today, int daysLeft, bool dueSoon, bool overdue)
    {
        var request = NewRequest();

        Assert.Equal(daysLeft, request.DaysLeft(D(today)));
        Assert.Equal(dueSoon, request.IsDueSoon(D(today)));
        Assert.Equal(overdue, request.IsOverdue(D(today)));
    }

    [Fact]
    public void Release_IsRefusedWhileAFlagIsUndecided_AndAfterReview_Succeeds()
    {
        var request = NewRequest();
        var note = Guid.NewGuid();
        request.Compiled([new FlagCandidate(note, "text", FlagConcern.NamesAnotherStudent, "abc")], "morgan", Received);

        Assert.Throws<RuleException>(() => request.MarkReviewed("morgan", Received));
        Assert.Throws<RuleException>(() => request.Release("morgan", Received));
        Assert.Throws<RuleException>(() => request.Decide(request.Flags[0].Id, FlagDecision.Redact, "", "morgan", Received));
        request.Decide(request.Flags[0].Id, FlagDecision.Redact, "Another student's personal data", "morgan", Received);
        Assert.Throws<RuleException>(() => request.Release("morgan", Received));
        request.MarkReviewed("morgan", Received);
        request.Release("morgan", Received);

        Assert.Equal(SubjectAccessStatus.Released, request.Status);
        Assert.False(request.IsOverdue(D("2027-12-01")));
        Assert.Throws<RuleException>(() => request.Withdraw("Too late", "morgan", Received));
    }

    [Fact]
    public void Recompiling_KeepsDecisionsOnUnchangedText_AndAsksAgainForChangedText()
    {
        var request = NewRequest();
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        request.Compiled([new(a, "text", FlagConcern.ThirdParty, "1"), new(b, "text", FlagConcern.ThirdParty, "2")], "morgan", Received);
        foreach (var flag in request.Flags)
        {
            request.Decide(flag.Id, FlagDecision.Release, null, "morgan", Received);
        }

        request.MarkReviewed("morgan", Received);
        request.Compiled([new(a, "text", FlagConcern.ThirdParty, "1"), new(b, "text", FlagConcern.ThirdParty, "changed")], "morgan", Received);

        Assert.Equal(SubjectAccessStatus.Compiled, request.Status);
        Assert.Equal(1, request.Undecided);
        Assert.Equal(FlagDecision.Release, request.Flags.Single(f => f.ItemId == a).Decision);
    }

    [Fact]
    public void RefusingOrWithdrawing_NeedsAReason_AndClosesTheRequest()
    {
        var request = NewRequest();

        Assert.Throws<RuleException>(() => request.Refuse(" ", "morgan", Received));
        request.Withdraw("Student emailed to withdraw", "morgan", Received);

        Assert.False(request.IsOpen);
        Assert.Throws<RuleException>(() => request.Extend(1, "x", "morgan", Received));
    }

    [Theory]
    [InlineData("Met Ben Carter's tutor", true)]
    [InlineData("carter, ben called", true)]
    [InlineData("Spoke with BEN   CARTER", true)]
    [InlineData("Benjamin Carterton is unrelated", false)]
    [InlineData("Ben asked about Carter Street", false)]
    [InlineData("Zoe OBrien wrote", true)]
    [InlineData("Zoë O’Brien’s flat", true)]
    [InlineData("Benny Carter wrote", true)] // preferred name and surname
    [InlineData("Sam mentioned", false)] // one-word names are not matched
    public void NameMentions_FindOtherStudentsByWholeName_IgnoringCaseAndAccents(string text, bool found)
    {
        var ben = Guid.NewGuid();
        var zoe = Guid.NewGuid();
        var mentions = new NameMentions([(ben, "Ben Carter", "Benny"), (zoe, "Zoë O'Brien", null), (Guid.NewGuid(), "Sam", null)]);

        Assert.Equal(found, mentions.In(text).Count > 0);
    }
}
