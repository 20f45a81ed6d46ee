using DropIn.Domain;
using DropIn.Domain.Cases;
using DropIn.Tests.Infrastructure;

namespace DropIn.Tests.Domain;

/// <summary>A case is closed with an outcome, its original documents returned and the student told, or written to.</summary>
public sealed class CaseClosingTests
{
    private static readonly DateTimeOffset Now = London.At(2026, 11, 23, 10, 0);

    private static Case Open() => Case.Open(Guid.NewGuid(), 1, 1, "Appeal against the Part IB result", "sam", Now);

    [Fact]
    public void ClosingNeedsTheDocumentsReturned_AndTheStudentToldOrWrittenTo_SaidInWords()
    {
        var file = Open();

        var documents = Assert.Throws<RuleException>(() => file.Close(new CaseClosing(CaseOutcome.Resolved, null, ClosingCheck.StudentTold).Counted(), "sam", Now));
        var told = Assert.Throws<RuleException>(() => file.Close(new CaseClosing(CaseOutcome.Resolved, null, ClosingCheck.DocumentsReturned).Counted(), "sam", Now));

        Assert.Equal("Return the student's original documents first, then tick that they were returned (or that none were held).", documents.Message);
        Assert.Equal("Tell the student the case is closing, or send them the closing letter (or, if they stopped replying, choose the outcome \"No further contact\").", told.Message);
        Assert.Equal(CaseStatus.Open, file.Status);
    }

    [Fact]
    public void AStudentWhoStoppedReplying_NeedNotBeTold_TheOutcomeSaysWhy()
    {
        var file = Open();

        file.Close(new CaseClosing(CaseOutcome.NoFurtherContact, null, ClosingCheck.DocumentsReturned).Counted(), "sam", Now);

        Assert.Equal((CaseStatus.Closed, ClosingCheck.DocumentsReturned), (file.Status, file.ClosingChecks));
    }

    [Fact]
    public void AClosingLetter_CountsAsTellingTheStudent_AndTheChecksAreKeptUntilTheCaseIsReopened()
    {
        var file = Open();

        file.Close(new CaseClosing(CaseOutcome.Resolved, "Appeal upheld", ClosingCheck.DocumentsReturned, Letter: "Dear Aisha, we have closed your case.").Counted(), "sam", Now);

        Assert.Equal((CaseStatus.Closed, ClosingCheck.All), (file.Status, file.ClosingChecks));
        file.Reopen();
        Assert.Equal(ClosingCheck.None, file.ClosingChecks);
    }

    [Fact]
    public void TheLetterDraft_IsDatedAndSigned_AndCannotBeSentUntilItsBracketsAreReplaced()
    {
        var draft = ClosingLetter.Draft("Aisha", "C0042", new DateOnly(2026, 12, 3), "Sam Okafor", "Student Advice Service, 17 Mill Lane");

        Assert.StartsWith("3 December 2026\n\nDear Aisha,\n\nYour case with us, reference C0042", draft, StringComparison.Ordinal);
        Assert.Contains("Yours sincerely,\n\nSam Okafor\nStudent Advice Service", draft, StringComparison.Ordinal);
        Assert.Equal("Replace the part of the letter in [square brackets] with what you did together and where things stand.",
            Assert.Throws<RuleException>(() => ClosingLetter.Validated(draft)).Message);
        Assert.Throws<RuleException>(() => ClosingLetter.Validated("  "));
        Assert.Throws<RuleException>(() => ClosingLetter.Validated(new string('x', TimelineEntry.MaxTextLength + 1)));

        var typedInside = draft.Replace(ClosingLetter.Placeholder, "[The Dean took no further action.]", StringComparison.Ordinal);
        Assert.Throws<RuleException>(() => ClosingLetter.Validated(typedInside));

        var written = draft.Replace(ClosingLetter.Placeholder, "Your appeal was upheld and your mark has been corrected.", StringComparison.Ordinal);
        Assert.Equal(written.Trim(), ClosingLetter.Validated(written));
    }
}
