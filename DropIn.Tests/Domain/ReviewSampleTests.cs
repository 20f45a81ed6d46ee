using DropIn.Domain;
using DropIn.Domain.Calendar;
using DropIn.Domain.Reviews;
using DropIn.Tests.Infrastructure;

namespace DropIn.Tests.Domain;

/// <summary>Files for review are drawn at random, reproducibly from a seed, each with a reviewer who is independent of it.</summary>
public sealed class ReviewSampleTests
{
    private static readonly string[] Reviewers = ["morgan", "priya", "sam"];

    private static ReviewCandidate[] SamsCases(int count) =>
        [.. Enumerable.Range(1, count).Select(n => new ReviewCandidate(Guid.NewGuid(), n, Guid.NewGuid(), ["sam"]))];

    [Fact]
    public void TheSameSeed_DrawsTheSameFiles_AndAnotherSeedUsuallyOthers()
    {
        var cases = SamsCases(20);

        var first = ReviewSample.Draw(cases, Reviewers, (_, _) => false, 2, seed: 42);
        var again = ReviewSample.Draw([.. cases.Reverse()], [.. Reviewers.Reverse()], (_, _) => false, 2, seed: 42);
        var others = Enumerable.Range(1, 10).Select(seed => ReviewSample.Draw(cases, Reviewers, (_, _) => false, 2, seed)).ToList();

        Assert.Equal(2, first.Count);
        Assert.Equal(first, again);
        Assert.Contains(others, sample => !sample.SequenceEqual(first));
        Assert.True(others.SelectMany(s => s).Select(d => d.CaseId).Distinct().Count() > 4, "different seeds should reach different files");
    }

    [Fact]
    public void NoReviewer_IsOnTheCase_OrWalledOffFromTheStudent()
    {
        var cases = SamsCases(30);
        var priyaWalledOff = cases.Where(c => c.Number % 2 == 0).Select(c => c.StudentId).ToHashSet();

        for (var seed = 0; seed < 50; seed++)
        {
            foreach (var drawn in ReviewSample.Draw(cases, Reviewers, (r, s) => r == "priya" && priyaWalledOff.Contains(s), 5, seed))
            {
                var candidate = cases.Single(c => c.CaseId == drawn.CaseId);
                Assert.NotEqual("sam", drawn.ReviewerId);
                Assert.False(drawn.ReviewerId == "priya" && priyaWalledOff.Contains(candidate.StudentId));
            }
        }
    }

    [Fact]
    public void ACaseNobodyMayReview_IsPassedOver_AndFewerComeBackWhenTooFewRemain()
    {
        var cases = SamsCases(3);
        // Morgan and Priya are both walled off from the first case's student; Sam is on it.
        var blocked = cases[0].StudentId;

        var drawn = ReviewSample.Draw(cases, Reviewers, (_, s) => s == blocked, 5, seed: 7);

        Assert.Equal(2, drawn.Count);
        Assert.DoesNotContain(drawn, d => d.CaseId == cases[0].CaseId);
    }

    [Fact]
    public void AReview_IsCompletedByItsReviewerOnly_WithEveryCriterionScored_ThenAcknowledgedByTheCaseworker()
    {
        var now = London.At(2027, 1, 12, 10, 0);
        var review = FileReview.Draw(Guid.NewGuid(), "C0042", "sam", new DrawnFile(Guid.NewGuid(), "morgan"), new YearMonth(2027, 1), 1, 42, "morgan", now);
        int[] criteria = [1, 2];
        ReviewScore[] scores = [new(1, CriterionScore.Met), new(2, CriterionScore.PartlyMet)];
        var action = ReviewAction.Agree("Record the student's decision after each option", new DateOnly(2027, 1, 26), new DateOnly(2027, 1, 12));

        Assert.Throws<RuleException>(() => review.Acknowledge("sam", now));
        Assert.Equal("Only the reviewer assigned can complete this review.",
            Assert.Throws<RuleException>(() => review.Complete("priya", criteria, scores, null, [], now)).Message);
        Assert.Equal("Score every criterion once (\"Not applicable\" where it does not apply).",
            Assert.Throws<RuleException>(() => review.Complete("morgan", criteria, scores[..1], null, [], now)).Message);
        review.Complete("morgan", criteria, scores, "Clear advice; the decision is not recorded.", [action], now);
        Assert.Throws<RuleException>(() => review.Acknowledge("morgan", now));
        review.Acknowledge("sam", now.AddDays(1));
        review.Acknowledge("sam", now.AddDays(2));

        Assert.Equal((ReviewStatus.Acknowledged, now.AddDays(1)), (review.Status, review.AcknowledgedAt));
        Assert.Throws<RuleException>(() => ReviewAction.Agree("Late", new DateOnly(2027, 1, 11), new DateOnly(2027, 1, 12)));
    }

    [Fact]
    public void AnActionIsRemindedOnItsDueDay_OrTheWorkingDayBeforeWhenClosed_OnWorkingDaysOnly_Once()
    {
        var calendar = new WorkingCalendar([new DateOnly(2026, 12, 24)]); // the service closes on Christmas Eve
        var today = new DateOnly(2026, 12, 1);
        var christmas = ReviewAction.Agree("Tidy the file", new DateOnly(2026, 12, 25), today);
        var tuesday = ReviewAction.Agree("Record the decision", new DateOnly(2026, 12, 8), today);

        // Christmas Day, Christmas Eve (closed): the reminder goes on the 23rd.
        Assert.False(christmas.ReminderDue(new DateOnly(2026, 12, 22), calendar));
        Assert.True(christmas.ReminderDue(new DateOnly(2026, 12, 23), calendar));
        Assert.False(christmas.ReminderDue(new DateOnly(2026, 12, 26), calendar));
        Assert.False(tuesday.ReminderDue(new DateOnly(2026, 12, 7), calendar));
        Assert.True(tuesday.ReminderDue(new DateOnly(2026, 12, 8), calendar));
        tuesday.MarkReminded();
        Assert.False(tuesday.ReminderDue(new DateOnly(2026, 12, 9), calendar));
    }
}
