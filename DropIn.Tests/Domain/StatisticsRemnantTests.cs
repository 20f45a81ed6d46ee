using DropIn.Domain.Calendar;
using DropIn.Domain.Cases;
using DropIn.Domain.Enquiries;
using DropIn.Domain.Retention;
using DropIn.Tests.Infrastructure;

namespace DropIn.Tests.Domain;

public sealed class StatisticsRemnantTests
{
    [Fact]
    public void From_KeepsMonthsNotDays_InLondonTerms()
    {
        // 23:30 UTC on 31 March 2026 is 00:30 on 1 April in London (BST).
        var remnant = StatisticsRemnant.From(
            " Housing ", new DateTimeOffset(2026, 3, 31, 23, 30, 0, TimeSpan.Zero), London.At(2026, 5, 2, 16, 0),
            CaseOutcome.Resolved, EnquiryChannel.Email, StudentStatus.Current, "Postgraduate research");

        Assert.Equal("Housing", remnant.Category);
        Assert.Equal(new YearMonth(2026, 4), remnant.Opened);
        Assert.Equal(new YearMonth(2026, 5), remnant.Closed);
        Assert.Equal((CaseOutcome.Resolved, EnquiryChannel.Email), (remnant.Outcome, remnant.Channel));
        Assert.Equal((StudentStatus.Current, LevelOfStudyBand.Postgraduate), (remnant.StudentStatus, remnant.LevelOfStudy));
    }

    [Fact]
    public void From_NoCaseAndNoClosure_LeavesThemEmpty()
    {
        var remnant = StatisticsRemnant.From(" ", London.At(2026, 1, 5, 10, 0), null, null, null, StudentStatus.Former, null);

        Assert.Null(remnant.Category);
        Assert.Null(remnant.Closed);
        Assert.Equal(LevelOfStudyBand.NotKnown, remnant.LevelOfStudy);
    }

    [Fact]
    public void From_ClosedBeforeOpened_IsAProgrammingError()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            StatisticsRemnant.From("Money", London.At(2026, 1, 5, 10, 0), London.At(2026, 1, 4, 10, 0), CaseOutcome.Resolved, null, StudentStatus.Current, null));
    }

    [Theory]
    [InlineData("Undergraduate", LevelOfStudyBand.Undergraduate)]
    [InlineData("Postgraduate taught", LevelOfStudyBand.Postgraduate)]
    [InlineData("Postgraduate research", LevelOfStudyBand.Postgraduate)]
    [InlineData("Other", LevelOfStudyBand.Other)]
    [InlineData("Prefer not to say", LevelOfStudyBand.NotKnown)]
    [InlineData(null, LevelOfStudyBand.NotKnown)]
    public void BandOf_CoarsensEveryMonitoringAnswer(string? level, LevelOfStudyBand band)
    {
        Assert.Equal(band, StatisticsRemnant.BandOf(level));
    }

    [Fact]
    public void BandOf_CoversEveryLevelTheMonitoringFormOffers()
    {
        Assert.All(MonitoringRecord.Levels.Where(l => l != MonitoringRecord.PreferNotToSay), level => Assert.NotEqual(LevelOfStudyBand.NotKnown, StatisticsRemnant.BandOf(level)));
    }

    [Fact]
    public void Remnant_HoldsNoIdsNamesOrDays()
    {
        Type[] coarse = [typeof(YearMonth), typeof(YearMonth?), typeof(CaseOutcome?), typeof(EnquiryChannel?), typeof(StudentStatus), typeof(LevelOfStudyBand)];
        var properties = typeof(StatisticsRemnant).GetProperties();

        Assert.All(properties, p => Assert.True(coarse.Contains(p.PropertyType) || p.Name == nameof(StatisticsRemnant.Category), p.Name));
    }

    [Theory]
    [InlineData(2026, 4, "2026-04", 202604)]
    [InlineData(2028, 12, "2028-12", 202812)]
    public void YearMonth_PrintsAndStoresAsYearThenMonth(int year, int month, string text, int number)
    {
        var value = new YearMonth(year, month);

        Assert.Equal(text, value.ToString());
        Assert.Equal(number, value.ToNumber());
        Assert.Equal(value, YearMonth.FromNumber(number));
        Assert.Equal(new YearMonth(2029, 1), new YearMonth(2028, 12).Next());
        Assert.Throws<ArgumentOutOfRangeException>(() => new YearMonth(2026, 13));
    }
}
