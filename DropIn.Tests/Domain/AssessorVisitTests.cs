using DropIn.Domain;
using DropIn.Domain.Reviews;
using DropIn.Tests.Infrastructure;

namespace DropIn.Tests.Domain;

/// <summary>An assessor's visit: whole London days, across a clock change; a reproducible sample; ended once.</summary>
public sealed class AssessorVisitTests
{
    private static VisitFile[] Files(int count) =>
        [.. Enumerable.Range(1, count).Select(n => new VisitFile(Guid.NewGuid(), DropIn.Domain.Cases.Case.ReferenceOf(n)))];

    [Fact]
    public void AThreeDayVisit_OverTheAutumnClockChange_RunsFromLondonMidnightToLondonMidnight()
    {
        // Clocks go back at 02:00 BST on Sunday 25 October 2026: the visit is 73 hours long, and still three days.
        var now = London.At(2026, 10, 20, 9, 0);
        var visit = AssessorVisit.Grant("jo", new DateOnly(2026, 10, 24), 3, Files(5), 5, seed: 1, "morgan", now);

        Assert.Equal(new DateTimeOffset(2026, 10, 23, 23, 0, 0, TimeSpan.Zero), visit.StartsAt);
        Assert.Equal(new DateTimeOffset(2026, 10, 27, 0, 0, 0, TimeSpan.Zero), visit.EndsAt);
        Assert.False(visit.IsOpen(now));
        Assert.False(visit.IsOpen(visit.StartsAt.AddSeconds(-1)));
        Assert.True(visit.IsOpen(visit.StartsAt));
        Assert.True(visit.IsOpen(London.At(2026, 10, 26, 23, 59)));
        Assert.False(visit.IsOpen(London.At(2026, 10, 27, 0, 0)));
    }

    [Fact]
    public void TheSample_IsReproducibleFromItsSeed_WhateverOrderTheFilesCameIn_AndNeverLargerThanAsked()
    {
        var files = Files(25);

        var first = AssessorVisit.Draw(files, 10, seed: 7);
        var again = AssessorVisit.Draw([.. files.Reverse()], 10, seed: 7);
        var others = Enumerable.Range(100, 10).Select(seed => AssessorVisit.Draw(files, 10, seed)).ToList();

        Assert.Equal(10, first.Count);
        Assert.Equal(first, again);
        Assert.Equal(10, first.Select(f => f.CaseId).Distinct().Count());
        Assert.Contains(others, sample => !sample.SequenceEqual(first));
        Assert.Equal(3, AssessorVisit.Draw(Files(3), 10, seed: 7).Count);
    }

    [Theory]
    [InlineData(0, 5, "1 to 14 days")]
    [InlineData(AssessorVisit.MaxDays + 1, 5, "1 to 14 days")]
    [InlineData(3, 0, "1 to 30 files")]
    [InlineData(3, AssessorVisit.MaxFiles + 1, "1 to 30 files")]
    public void DaysAndFilesOutOfRange_AreRefusedInWords(int days, int files, string words)
    {
        var ex = Assert.Throws<RuleException>(() => AssessorVisit.Grant("jo", new DateOnly(2026, 12, 8), days, Files(5), files, 1, "morgan", London.At(2026, 12, 3, 9, 0)));
        Assert.Contains(words, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoConsentedFile_OrAFirstDayPast_IsRefused()
    {
        var now = London.At(2026, 12, 3, 9, 0);
        Assert.Contains("agreed", Assert.Throws<RuleException>(() => AssessorVisit.Grant("jo", new DateOnly(2026, 12, 8), 3, [], 5, 1, "morgan", now)).Message, StringComparison.Ordinal);
        Assert.Contains("passed", Assert.Throws<RuleException>(() => AssessorVisit.Grant("jo", new DateOnly(2026, 12, 2), 3, Files(5), 5, 1, "morgan", now)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EndingEarly_ClosesAccessAtOnce_AndEndingAgainChangesNothing()
    {
        var now = London.At(2026, 12, 8, 11, 0);
        var visit = AssessorVisit.Grant("jo", new DateOnly(2026, 12, 8), 3, Files(5), 5, 1, "morgan", now.AddHours(-2));
        Assert.True(visit.IsOpen(now));

        Assert.True(visit.End("morgan", now));
        Assert.False(visit.IsOpen(now));
        Assert.Equal(now, visit.AccessEnds);
        Assert.False(visit.End("morgan", now.AddMinutes(1)));
        Assert.Equal(now, visit.AccessEnds);
    }
}
