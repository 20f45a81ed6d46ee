using DropIn.Domain.Calendar;

namespace DropIn.Tests.Domain;

public sealed class BankHolidaysTests
{
    [Theory]
    [InlineData(2024, "2024-01-01 2024-03-29 2024-04-01 2024-05-06 2024-05-27 2024-08-26 2024-12-25 2024-12-26")]
    [InlineData(2026, "2026-01-01 2026-04-03 2026-04-06 2026-05-04 2026-05-25 2026-08-31 2026-12-25 2026-12-28")]
    [InlineData(2027, "2027-01-01 2027-03-26 2027-03-29 2027-05-03 2027-05-31 2027-08-30 2027-12-27 2027-12-28")]
    [InlineData(2022, "2022-01-03 2022-04-15 2022-04-18 2022-05-02 2022-05-30 2022-08-29 2022-12-26 2022-12-27")]
    [InlineData(2021, "2021-01-01 2021-04-02 2021-04-05 2021-05-03 2021-05-31 2021-08-30 2021-12-27 2021-12-28")]
    public void EnglandAndWales_MatchesThePublishedDates_WithSubstituteDays(int year, string expected)
    {
        var dates = expected.Split(' ').Select(DateOnly.Parse);

        Assert.Equal(dates.Order(), BankHolidays.EnglandAndWales(year).Order());
    }

    [Theory]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2038, 4, 25)]
    [InlineData(2285, 3, 22)]
    public void EasterSunday_KnownDates(int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), BankHolidays.EasterSunday(year));
    }
}
