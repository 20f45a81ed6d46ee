using DropIn.Domain;
using DropIn.Domain.Cases;
using DropIn.Tests.Infrastructure;

namespace DropIn.Tests.Domain;

/// <summary>A closed case records what it achieved for the student, from the managed list, with any money gained, and whether it was advice only or casework.</summary>
public sealed class CaseOutcomesTests
{
    private static readonly DateTimeOffset Now = London.At(2026, 11, 23, 10, 0);

    private static readonly CaseClosing Closing = new(CaseOutcome.Resolved, null, ClosingCheck.All);

    private static Case Open() => Case.Open(Guid.NewGuid(), 1, 1, "Deposit withheld by a private landlord", "sam", Now);

    [Fact]
    public void ClosingNeedsAnOutcomeFromTheList_AndAdviceOrCasework_SaidInWords()
    {
        var file = Open();

        var noOutcome = Assert.Throws<RuleException>(() => file.Close(Closing with { Level = ServiceLevel.Casework }, "sam", Now));
        var noLevel = Assert.Throws<RuleException>(() => file.Close(Closing with { Achieved = [new(3, null)] }, "sam", Now));

        Assert.Equal("Choose at least one outcome for the student from the list (\"No further action\" if nothing changed).", noOutcome.Message);
        Assert.Equal("Choose whether the case was advice only or casework.", noLevel.Message);
        Assert.Equal(CaseStatus.Open, file.Status);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(OutcomeAchieved.MaxPounds + 1)]
    public void AGainOutsideZeroToAMillionPounds_IsRefused(int pounds)
    {
        var refused = Assert.Throws<RuleException>(() => Open().Close(Closing with { Level = ServiceLevel.Casework, Achieved = [new(3, pounds)] }, "sam", Now));

        Assert.Equal("A financial gain is a whole number of pounds from 0 to 1,000,000.", refused.Message);
    }

    [Fact]
    public void AnOutcomeChosenTwice_IsRefused()
    {
        Assert.Throws<RuleException>(() => Open().Close(Closing with { Level = ServiceLevel.Casework, Achieved = [new(3, 100), new(3, null)] }, "sam", Now));
    }

    [Fact]
    public void OutcomesAndLevel_AreKeptWhileClosed_AndClearedByReopening_SoTheNextClosingCountsAfresh()
    {
        var file = Open();

        file.Close(Closing with { Level = ServiceLevel.AdviceOnly, Achieved = [new(6, 650), new(5, 0)] }, "sam", Now);

        // A gain of £0 is no gain: it is not counted as a case with money.
        Assert.Equal([new OutcomeAchieved(6, 650), new OutcomeAchieved(5, null)], file.Achieved);
        Assert.Equal(ServiceLevel.AdviceOnly, file.Level);
        file.Reopen();
        Assert.Empty(file.Achieved);
        Assert.Null(file.Level);
        file.Close(Closing.Counted(), "sam", Now);
        Assert.Equal([new OutcomeAchieved(Closings.FirstOutcome, null)], file.Achieved);
    }
}
