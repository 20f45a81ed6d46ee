using System.Security.Claims;
using DropIn.Domain.Cases;
using DropIn.Domain.Statistics;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Features.Statistics;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

/// <summary>
/// What closed cases achieved, in the statistics over a real database: outcomes by category, students' financial gain
/// with a total from fewer than 5 cases hidden (and a second so it cannot be worked out), and advice only or casework.
/// </summary>
public sealed class OutcomeStatisticsTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = London.Clock(2027, 3, 10, 12, 0); // academic year 2026–27
    private readonly StatisticsPeriod _period = StatisticsPeriod.AcademicYear(2026);
    private AppFactory _app = default!;
    private ClaimsPrincipal _manager = default!;
    private int _caseNumber = 1;

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock);
        _manager = await _app.StaffAsync("Morgan Manager", Roles.Manager);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private Task<StatisticsReport> ReportAsync() => _app.UseAsync<StatisticsService, StatisticsReport>(s => s.ReportAsync(_manager, _period));

    /// <summary>Cases in <paramref name="category"/> closed on <paramref name="closed"/> with one outcome each, gaining <paramref name="pounds"/>.</summary>
    private async Task ClosedAsync(int count, string category, string outcome, int? pounds, ServiceLevel level, DateTimeOffset closed)
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync();
        var categoryId = await db.CaseCategories.Where(c => c.Name == category).Select(c => c.Id).SingleAsync();
        var kindId = await db.OutcomeKinds.Where(k => k.Name == outcome).Select(k => k.Id).SingleAsync();
        for (var i = 0; i < count; i++)
        {
            var student = Student.Register(new StudentProfile($"Student {_caseNumber}"), "test", closed.AddDays(-30));
            var @case = Case.Open(student.Id, categoryId, _caseNumber++, "A matter", "test", closed.AddDays(-30));
            @case.Close(new CaseClosing(CaseOutcome.Resolved, null, ClosingCheck.All) { Level = level, Achieved = [new(kindId, pounds)] }, "test", closed);
            db.Students.Add(student);
            db.Cases.Add(@case);
        }

        await db.SaveChangesAsync();
    }

    private static PublishedFigure Cell(PublishedTable table, string row, string column) =>
        table.Rows.Single(r => r.Label == row).Figures[table.Columns.ToList().IndexOf(column)];

    [Fact]
    public async Task OutcomesAreCountedByCategory_AndMoneyFromFewerThanFiveCasesIsNotShown()
    {
        var december = London.At(2026, 12, 2, 15, 0);
        await ClosedAsync(6, "Housing", "Deposit recovered", 500, ServiceLevel.AdviceOnly, december);
        await ClosedAsync(4, "Money", "Hardship award", 300, ServiceLevel.Casework, december);
        await ClosedAsync(7, "Academic appeal", "Fees reduced", 1_000, ServiceLevel.Casework, december);
        await ClosedAsync(8, "Academic appeal", "Appeal upheld", null, ServiceLevel.Casework, december);
        // Closed before the period: not counted.
        await ClosedAsync(9, "Housing", "Deposit recovered", 900, ServiceLevel.AdviceOnly, London.At(2026, 7, 31, 12, 0));

        var report = await ReportAsync();

        var achieved = report.Table("achieved");
        Assert.Equal("5", Cell(achieved, "Housing", "Deposit recovered").Display);
        Assert.Equal("10", Cell(achieved, "Academic appeal", "Appeal upheld").Display);
        Assert.Equal("15", Cell(achieved, "Academic appeal", "Total").Display);
        var gain = report.Table("gain");
        Assert.Equal(("£7,000", "5"), (Cell(gain, "Academic appeal", "Total gain (£)").Display, Cell(gain, "Academic appeal", "Cases with a financial gain").Display));
        Assert.Equal(SuppressionReason.TooFewCases, Cell(gain, "Money", "Total gain (£)").Reason);
        // Shown, housing's £3,000 and the total would give the four hardship awards away: it is hidden too.
        Assert.Equal(SuppressionReason.Secondary, Cell(gain, "Housing", "Total gain (£)").Reason);
        Assert.Equal("£11,200", gain.TotalRow!.Figures[1].Display);
        Assert.Equal("£11,200", report.Headline("financial-gain").Display);
        var levels = report.Table("levels");
        Assert.Equal(["Advice only", "Casework", "Total"], levels.Columns);
        Assert.Equal(["5", "20", "25"], levels.TotalRow!.Figures.Select(f => f.Display));
        Assert.Contains(AnnualNarrative.For(report, "2026–27"), s => s.Contains("brought students £11,200 in financial gain", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AYearWithOnlyAFewGains_PublishesNoMoneyAtAll_AndTheReportSaysSoInWords()
    {
        await ClosedAsync(3, "Money", "Debt written off", 2_000, ServiceLevel.Casework, London.At(2026, 10, 5, 11, 0));

        var report = await ReportAsync();

        Assert.True(report.Headline("financial-gain").IsSuppressed);
        Assert.All(report.Table("gain").Rows, row => Assert.True(row.Figures[1].Value is null or 0));
        Assert.Contains(AnnualNarrative.For(report, "2026–27"), s => s.StartsWith("Too few cases recorded a financial gain", StringComparison.Ordinal));
    }
}
