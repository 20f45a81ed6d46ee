using System.Net;
using System.Security.Claims;
using ClosedXML.Excel;
using DropIn.Domain.Calendar;
using DropIn.Domain.Cases;
using DropIn.Domain.Enquiries;
using DropIn.Domain.Retention;
using DropIn.Domain.Statistics;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Data;
using DropIn.Web.Features.Enquiries;
using DropIn.Web.Features.Statistics;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Integration;

/// <summary>
/// The statistics over a real database: every figure is rounded, small monitoring counts are hidden with a second
/// figure so they cannot be worked back, remnants of destroyed cases count with live ones, and the exports carry the
/// same published figures, only after a recent sign-in, to managers only.
/// </summary>
public sealed class StatisticsTests : IAsyncLifetime
{
    private const string ThisYear = "2026–27";
    private readonly FakeTimeProvider _clock = London.Clock(2026, 11, 24, 12, 0); // academic year 2026–27
    private readonly StatisticsPeriod _period = StatisticsPeriod.AcademicYear(2026);
    private AppFactory _app = default!;
    private ClaimsPrincipal _manager = default!;
    private ClaimsPrincipal _reception = default!;
    private int _caseNumber = 1;

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(clock: _clock);
        _manager = await _app.StaffAsync("Morgan Manager", Roles.Manager);
        _reception = await _app.StaffAsync("Rita Reception", Roles.Reception);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private Task<DropInDbContext> DbAsync() => _app.Services.GetRequiredService<IDbContextFactory<DropInDbContext>>().CreateDbContextAsync();

    private Task<StatisticsReport> ReportAsync(ClaimsPrincipal? user = null) =>
        _app.UseAsync<StatisticsService, StatisticsReport>(s => s.ReportAsync(user ?? _manager, _period));

    private async Task<List<Enquiry>> EnquiriesAsync(int count, DateTimeOffset received, EnquiryChannel channel = EnquiryChannel.Phone)
    {
        var made = new List<Enquiry>();
        for (var i = 0; i < count; i++)
        {
            made.Add(await _app.UseAsync<EnquiryService, Enquiry>(s => s.RecordAsync(_reception, channel, received, "Ada Lovelace", null, "A question", null)));
        }

        return made;
    }

    /// <summary>Students, each with a case opened at <paramref name="opened"/> and, optionally, monitoring answers.</summary>
    private async Task StudentsWithCasesAsync(int count, DateTimeOffset opened, string category = "Housing", string? gender = null, string? level = null)
    {
        await using var db = await DbAsync();
        var categoryId = await db.CaseCategories.Where(c => c.Name == category).Select(c => c.Id).SingleAsync();
        for (var i = 0; i < count; i++)
        {
            var student = Student.Register(new StudentProfile($"Student {_caseNumber}", College: "Churchill"), "test", opened);
            db.Students.Add(student);
            db.Cases.Add(Case.Open(student.Id, categoryId, _caseNumber++, "Deposit withheld", "test", opened));
            if (gender is not null || level is not null)
            {
                var answers = MonitoringRecord.For(student.Id);
                answers.Answer(null, gender, null, null, level, null, opened);
                db.MonitoringRecords.Add(answers);
            }
        }

        await db.SaveChangesAsync();
    }

    private async Task RemnantsAsync(int count, DateTimeOffset opened, DateTimeOffset? closed = null, CaseOutcome? outcome = null)
    {
        await using var db = await DbAsync();
        for (var i = 0; i < count; i++)
        {
            db.StatisticsRemnants.Add(StatisticsRemnant.From("Housing", opened, closed, outcome, EnquiryChannel.Email, StudentStatus.Current, "Postgraduate taught"));
        }

        await db.SaveChangesAsync();
    }

    private static PublishedFigure Cell(PublishedTable table, string row, string column) =>
        table.Rows.Single(r => r.Label == row).Figures[table.Columns.ToList().IndexOf(column)];

    [Fact]
    public async Task Enquiries_SevenInAMonth_ArePublishedAsFive()
    {
        await EnquiriesAsync(7, London.At(2026, 10, 5, 10, 0));

        var table = (await ReportAsync()).Table("enquiries");

        Assert.Equal("5", Cell(table, "Oct 2026", "Phone").Display);
        Assert.Equal("5", Cell(table, "Oct 2026", "Total").Display);
        Assert.Equal("5", Cell(table, "Total", "Total").Display);
        Assert.DoesNotContain(table.Rows.SelectMany(r => r.Figures), f => f.Display == "7");
        Assert.Equal(12, table.BodyRows.Count); // August to July
    }

    /// <summary>
    /// Months are London months in one grouped query: 00:30 on 1 October in BST is still 30 September in UTC, and
    /// 23:30 on 31 October in GMT is October in both. Counted by UTC date, the first eight would land in September.
    /// </summary>
    [Fact]
    public async Task Enquiries_AroundMidnightOnTheFirst_CountInTheirLondonMonth_InSummerAndWinterTime()
    {
        await EnquiriesAsync(5, London.At(2026, 9, 30, 23, 30));
        await EnquiriesAsync(8, London.At(2026, 10, 1, 0, 30));
        await EnquiriesAsync(5, London.At(2026, 10, 31, 23, 30));
        await EnquiriesAsync(10, London.At(2026, 11, 1, 0, 30));

        var report = await ReportAsync();

        var (september, october, november) = (Month(9), Month(10), Month(11));
        var enquiries = report.Table("enquiries");
        Assert.Equal(("5", "15", "10"), (Cell(enquiries, september, "Total").Display, Cell(enquiries, october, "Total").Display, Cell(enquiries, november, "Total").Display));
        var acknowledgement = report.Table("acknowledgement");
        Assert.Equal(("5", "15"), (Cell(acknowledgement, september, "Enquiries due").Display, Cell(acknowledgement, october, "Enquiries due").Display));

        // As the tables label them ("Sept" in British English).
        static string Month(int month) => StatisticsPeriod.MonthLabel(new YearMonth(2026, month));
    }

    [Fact]
    public async Task Monitoring_SmallCountIsHidden_AndASecondFigureInItsColumn()
    {
        var october = London.At(2026, 10, 12, 11, 0);
        await StudentsWithCasesAsync(12, october, gender: "Woman");
        await StudentsWithCasesAsync(10, october, gender: "Man");
        await StudentsWithCasesAsync(3, october, gender: "Non-binary");

        var table = (await ReportAsync()).Table("gender");

        var small = Cell(table, "Non-binary", ThisYear);
        Assert.Equal((PublishedFigure.Hidden, SuppressionReason.Primary), (small.Display, small.Reason));
        var column = table.BodyRows.Select(r => r.Figures[0]).ToList();
        Assert.Contains(column, f => f.Reason == SuppressionReason.Secondary);
        Assert.Equal("10", Cell(table, "Woman", ThisYear).Display);
        Assert.Equal("25", Cell(table, "Total", ThisYear).Display);
        Assert.Contains("small count(s) not shown", table.Note, StringComparison.Ordinal);
        // Crossed with the academic year and nothing else.
        Assert.Equal([ThisYear, "Total"], table.Columns);
    }

    [Fact]
    public void Monitoring_CrossedWithCollege_IsRefusedByTheRules()
    {
        var crossing = Assert.Throws<DropIn.Domain.RuleException>(() => DisclosureRules.EnsureMayCross(Dimension.Gender, Dimension.College));

        Assert.Contains("never crossed", crossing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemnantsOfDestroyedCases_CountWithLiveCases()
    {
        var october = London.At(2026, 10, 20, 15, 0);
        await StudentsWithCasesAsync(3, october, level: "Postgraduate research");
        await RemnantsAsync(5, october, London.At(2026, 11, 2, 10, 0), CaseOutcome.Resolved);
        await RemnantsAsync(4, London.At(2025, 10, 1, 10, 0)); // last academic year: outside the period

        var report = await ReportAsync();

        Assert.Equal("10", Cell(report.Table("cases"), "Oct 2026", "Housing").Display); // 3 live + 5 remnants = 8
        Assert.Equal("5", Cell(report.Table("outcomes"), "Nov 2026", "Resolved").Display);
        Assert.Equal("10", Cell(report.Table("level"), "Postgraduate", ThisYear).Display);
        Assert.Equal("10", report.Headline("cases-opened").Display);
    }

    [Fact]
    public async Task Acknowledgement_IsAPercentageOfThoseDue_HiddenOnASmallBase()
    {
        var received = London.At(2026, 10, 6, 10, 0);
        var enquiries = await EnquiriesAsync(25, received, EnquiryChannel.Email);
        foreach (var enquiry in enquiries.Take(20))
        {
            await _app.UseAsync<EnquiryService>(s => s.AcknowledgeAsync(_reception, enquiry.Id, AcknowledgementMethod.Email, received.AddHours(2)));
        }

        await EnquiriesAsync(4, London.At(2026, 9, 7, 10, 0));

        var table = (await ReportAsync()).Table("acknowledgement");

        Assert.Equal("25", Cell(table, "Oct 2026", "Enquiries due").Display);
        Assert.Equal("80%", Cell(table, "Oct 2026", "Within 2 working days").Display);
        Assert.Equal(PublishedFigure.Hidden, Cell(table, StatisticsPeriod.MonthLabel(new DropIn.Domain.Calendar.YearMonth(2026, 9)), "Within 2 working days").Display);
        Assert.Equal("69%", Cell(table, "Total", "Within 2 working days").Display); // 20 of 29
    }

    /// <summary>Now is Tuesday 24 November, 12:00: 25 enquiries of Thursday 19th are past their target (Monday 17:00), not their breach time (today 17:00).</summary>
    [Fact]
    public async Task Acknowledgement_PastTheTargetButNotTheBreachTime_FailsTheTwoDayShareOnly()
    {
        await EnquiriesAsync(25, London.At(2026, 11, 19, 10, 0), EnquiryChannel.Email);

        var table = (await ReportAsync()).Table("acknowledgement");

        Assert.Equal("0%", Cell(table, "Nov 2026", "Within 2 working days").Display);
        Assert.NotEqual("0%", Cell(table, "Nov 2026", "Within 3 working days").Display); // not yet due: no share to publish
    }

    [Fact]
    public async Task Exports_CarryOnlyPublishedFigures_TheRules_AndAreAudited()
    {
        await EnquiriesAsync(7, London.At(2026, 10, 5, 10, 0));
        var october = London.At(2026, 10, 12, 11, 0);
        await StudentsWithCasesAsync(12, october, gender: "Woman");
        await StudentsWithCasesAsync(10, october, gender: "Man");
        await StudentsWithCasesAsync(3, october, gender: "Non-binary");
        var client = await StaffBrowserClient.SignedInAsync(_app, AppFactory.EmailOf("Morgan Manager"), AppFactory.StaffPassword);

        var csvResponse = await client.GetAsync($"{StatisticsSetup.CsvPath}?{_period.Query}");
        var xlsxResponse = await client.GetAsync($"{StatisticsSetup.WorkbookPath}?{_period.Query}");

        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.True(csvResponse.Headers.CacheControl?.NoStore);
        var csv = await csvResponse.Content.ReadAsStringAsync();
        Assert.Contains(DisclosureRules.Statement.Replace("\"", "\"\"", StringComparison.Ordinal), csv, StringComparison.Ordinal);
        var lines = csv.Split("\r\n");
        Assert.Contains("Oct 2026,0,5,0,0,0,5", lines); // seven phone enquiries, rounded
        Assert.Contains("Non-binary,..,..", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("Oct 2026,0,7", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, xlsxResponse.StatusCode);
        Assert.True(xlsxResponse.Headers.CacheControl?.NoStore);
        using var workbook = new XLWorkbook(await xlsxResponse.Content.ReadAsStreamAsync());
        Assert.Equal(DisclosureRules.Statement, workbook.Worksheet("Rules").Cell(2, 1).GetString());
        var gender = workbook.Worksheets.Single(s => s.Name.StartsWith("Students by gender", StringComparison.Ordinal));
        var nonBinary = gender.RowsUsed().Single(r => r.Cell(1).GetString() == "Non-binary");
        Assert.Equal(PublishedFigure.Hidden, nonBinary.Cell(2).GetString());
        var enquiries = workbook.Worksheets.Single(s => s.Name.StartsWith("Enquiries received", StringComparison.Ordinal));
        var october2026 = enquiries.RowsUsed().Single(r => r.Cell(1).GetString() == "Oct 2026");
        Assert.Equal(5, october2026.Cell(3).GetValue<int>());
        var everyNumber = workbook.Worksheets.SelectMany(s => s.CellsUsed()).Where(c => c.DataType == XLDataType.Number && c.Style.NumberFormat.Format == "#,##0");
        Assert.All(everyNumber, c => Assert.Equal(0, c.GetValue<int>() % 5));

        await using var db = await DbAsync();
        Assert.Equal(["csv", "xlsx"], await db.AuditEntries.Where(e => e.Action == "statistics.export").OrderBy(e => e.Sequence).Select(e => e.Detail!).ToListAsync());
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\")", "'=HYPERLINK(\"http://evil.example\")")]
    [InlineData("A;=1+2", "A;'=1+2")]
    [InlineData("Debt;@SUM(1+1)*cmd|' /C calc'!A0", "Debt;'@SUM(1+1)*cmd|' /C calc'!A0")]
    [InlineData("\"=HYPERLINK(\"http://evil.example\")", "\"'=HYPERLINK(\"http://evil.example\")")] // a reader may drop the quote first
    [InlineData("Debt;\u00A0 \"+1+1", "Debt;\u00A0 \"'+1+1")] // or the spaces
    public async Task Exports_TextThatASpreadsheetWouldRun_IsDefused_InTheCsvAndTheWorkbook(string category, string defused)
    {
        await using (var db = await DbAsync())
        {
            var housing = await db.CaseCategories.SingleAsync(c => c.Name == "Housing");
            housing.Rename(category);
            await db.SaveChangesAsync();
        }

        await StudentsWithCasesAsync(1, London.At(2026, 10, 1, 10, 0), category: category);
        var client = await StaffBrowserClient.SignedInAsync(_app, AppFactory.EmailOf("Morgan Manager"), AppFactory.StaffPassword);

        var csv = await client.GetStringAsync($"{StatisticsSetup.CsvPath}?{_period.Query}");
        using var workbook = new XLWorkbook(await client.GetStreamAsync($"{StatisticsSetup.WorkbookPath}?{_period.Query}"));

        // Read back as spreadsheets in comma and in semicolon locales would: the category's cell holds the defused text,
        // and no cell either way starts as a formula.
        var cells = Cells(csv, ',');
        Assert.Contains(defused, cells);
        Assert.DoesNotContain(cells, IsFormula);
        Assert.DoesNotContain(Cells(csv, ';'), IsFormula);
        var texts = workbook.Worksheets.SelectMany(s => s.CellsUsed()).Where(c => c.DataType == XLDataType.Text).Select(c => c.GetString()).ToList();
        Assert.Contains(defused, texts);
        Assert.DoesNotContain(workbook.Worksheets.SelectMany(s => s.CellsUsed()), c => c.HasFormula);
    }

    /// <summary>OWASP's test, with the leading spaces and quotes some spreadsheets skip.</summary>
    private static bool IsFormula(string cell) =>
        cell.Length > 0 && (cell[0] is '\t' or '\r' or '\n'
            || cell.TrimStart().TrimStart('"').TrimStart() is { Length: > 0 } text && text[0] is '=' or '+' or '-' or '@');

    private static List<string> Cells(string csv, char separator)
    {
        var cells = new List<string>();
        using var reader = CsvHelper.CsvReader.Create(new StringReader(csv), CsvHelper.CsvReaderOptions.Default with { Separator = separator, HasHeader = false });
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                cells.Add(reader.GetString(i));
            }
        }

        return cells;
    }

    [Fact]
    public async Task Export_NeedsARecentSignIn()
    {
        var client = await StaffBrowserClient.SignedInAsync(_app, AppFactory.EmailOf("Morgan Manager"), AppFactory.StaffPassword);

        var fresh = await client.GetAsync(StatisticsSetup.WorkbookPath);
        _clock.Advance(TimeSpan.FromMinutes(6));
        var stale = await client.GetAsync(StatisticsSetup.CsvPath);

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.StartsWith(RecentSignIn.ConfirmPath + "?ReturnUrl=", stale.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Reception)]
    [InlineData(Roles.Caseworker)]
    public async Task ReceptionAndCaseworkers_AreRefused_PagesExportsAndService(string role)
    {
        var someone = await _app.StaffAsync($"Someone {role}", role);
        var client = await StaffBrowserClient.SignedInAsync(_app, AppFactory.EmailOf($"Someone {role}"), AppFactory.StaffPassword);

        var export = await client.GetAsync(StatisticsSetup.CsvPath);
        var page = await client.GetAsync("/statistics");

        Assert.Contains("/account/access-denied", export.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.Contains("/account/access-denied", page.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        await Assert.ThrowsAsync<ForbiddenException>(() => ReportAsync(someone));
    }

    [Fact]
    public async Task Export_PeriodThatIsNotOne_IsABadRequest()
    {
        var client = await StaffBrowserClient.SignedInAsync(_app, AppFactory.EmailOf("Morgan Manager"), AppFactory.StaffPassword);

        var backwards = await client.GetAsync($"{StatisticsSetup.CsvPath}?from=2026-07&to=2025-08");
        var centuries = await client.GetAsync($"{StatisticsSetup.CsvPath}?from=1900-01&to=2026-07");

        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, centuries.StatusCode);
    }

    /// <summary>
    /// More students than SQLite takes parameters in one command (32,766): a large union's few years. The report is
    /// made, not refused with "too many SQL variables", because no query sends one parameter per record.
    /// </summary>
    [Fact]
    public async Task Report_OverMoreStudentsThanSqlTakesParameters_IsMade()
    {
        var october = London.At(2026, 10, 12, 11, 0);
        await StudentsWithCasesAsync(1, october);
        const int copies = 33_000;
        await using (var db = await DbAsync())
        {
            // Copies of that student and case made in SQL (each made through the model would take minutes): new ids, new numbers.
            var student = await db.Students.Select(s => s.Id).SingleAsync();
            var kase = await db.Cases.Select(c => c.Id).SingleAsync();
            var studentColumns = await ColumnsAsync(db, "Students");
            var caseColumns = await ColumnsAsync(db, "Cases");
            var series = $"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {copies}) ";
            const string studentId = "printf('%08X-0000-4000-8000-%012X', i, i)";
            var students = $"{series}INSERT INTO Students ({string.Join(", ", studentColumns)}) SELECT {string.Join(", ", studentColumns.Select(c => c == "Id" ? studentId : c))} FROM Students, n WHERE Students.Id = {{0}}";
            await db.Database.ExecuteSqlRawAsync(students, student);
            var cases = $"{series}INSERT INTO Cases ({string.Join(", ", caseColumns)}) SELECT {string.Join(", ", caseColumns.Select(c => c switch
                {
                    "Id" => "printf('%08X-0000-4000-9000-%012X', i, i)",
                    "StudentId" => studentId,
                    "Number" => "Number + i",
                    _ => c,
                }))} FROM Cases, n WHERE Cases.Id = {{0}}";
            await db.Database.ExecuteSqlRawAsync(cases, kase);
        }

        var report = await ReportAsync();

        Assert.Equal("33,000", Cell(report.Table("gender"), "Total", ThisYear).Display);
        Assert.Equal("33,000", Cell(report.Table("gender"), "Not answered", ThisYear).Display);
    }

    private static async Task<List<string>> ColumnsAsync(DropInDbContext db, string table) =>
        await db.Database.SqlQuery<string>($"SELECT name AS Value FROM pragma_table_info({table})").ToListAsync();

    [Fact]
    public async Task AnnualReport_SaysTheHeadlinesInWords_FromPublishedFiguresOnly()
    {
        await EnquiriesAsync(7, London.At(2026, 10, 5, 10, 0));
        await StudentsWithCasesAsync(3, London.At(2026, 10, 12, 11, 0));

        var narrative = AnnualNarrative.For(await ReportAsync(), ThisYear);

        Assert.StartsWith("In 2026–27 the service received about 5 enquiries, opened about 5 cases and closed no cases.", narrative[0], StringComparison.Ordinal);
        Assert.Contains("Too few enquiries were due", narrative[^2], StringComparison.Ordinal);
        Assert.Equal("No financial gain for students was recorded on the cases closed.", narrative[^1]);
        Assert.DoesNotContain(narrative, s => s.Replace(ThisYear, "", StringComparison.Ordinal).Contains('7', StringComparison.Ordinal) || s.Contains(" 3 ", StringComparison.Ordinal));
    }
}

public sealed class StatisticsPeriodTests
{
    [Fact]
    public void Presets_AcademicYearRunsAugustToJuly_Last12MonthsEndsThisMonth()
    {
        var now = London.At(2026, 11, 24, 12, 0);

        Assert.Equal(("2026-08", "2027-07"), Ends(StatisticsPeriod.Of(PeriodPreset.ThisAcademicYear, now)));
        Assert.Equal(("2025-08", "2026-07"), Ends(StatisticsPeriod.Of(PeriodPreset.LastAcademicYear, now)));
        Assert.Equal(("2025-12", "2026-11"), Ends(StatisticsPeriod.Of(PeriodPreset.Last12Months, now)));
        Assert.Equal(("2025-08", "2026-07"), Ends(StatisticsPeriod.Of(PeriodPreset.ThisAcademicYear, London.At(2026, 7, 31, 23, 30))));
        Assert.Equal([2025, 2026], StatisticsPeriod.Of(PeriodPreset.Last12Months, now).AcademicYears);
        Assert.Equal("2025–26", StatisticsPeriod.AcademicYearLabel(2025));
    }

    [Theory]
    [InlineData("=SUM(A1)", "'=SUM(A1)")]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("A;=1+2", "A;'=1+2")] // a reader splitting on ";" would otherwise see a cell "=1+2"
    [InlineData("A, +1", "A, '+1")]
    [InlineData("Rent\r\n@SUM(A1)", "Rent\r\n'@SUM(A1)")]
    [InlineData("x;\t=1", "x;'\t'=1")]
    [InlineData("+44 1223", "'+44 1223")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1:A2)", "'@SUM(A1:A2)")]
    [InlineData(" =1", " '=1")]
    [InlineData("\u00A0=1", "\u00A0'=1")]
    [InlineData("\"=1+1\"", "\"'=1+1\"")]
    [InlineData(" \" -1", " \" '-1")]
    [InlineData("\n=1", "'\n'=1")]
    [InlineData("A,\"@x", "A,\"'@x")]
    [InlineData("'=1", "'=1")] // the apostrophe already makes it text
    [InlineData("Housing, money", "Housing, money")]
    [InlineData("Academic - appeals", "Academic - appeals")]
    [InlineData("2025–26", "2025–26")]
    [InlineData("..", "..")]
    public void SpreadsheetText_DefusesFormulas_AtTheStartAndAfterEverySeparator(string text, string expected) =>
        Assert.Equal(expected, SpreadsheetText.Safe(text));

    [Fact]
    public void Csv_DefusesText_ButANegativeNumberStaysANumber()
    {
        var csv = System.Text.Encoding.UTF8.GetString(SpreadsheetCsv.Write(c =>
        {
            c.Text("-5").Number(-5m, "0").Text(" =1+1");
            c.EndRow();
        }));

        Assert.Equal("\uFEFF'-5,-5, '=1+1\r\n", csv);
    }

    [Fact]
    public void Period_TakesUpToSevenYearsOfMonths_AndNoMore()
    {
        var sevenYears = new StatisticsPeriod(new YearMonth(2019, 8), new YearMonth(2026, 7));

        Assert.Equal(StatisticsPeriod.MaxMonths, sevenYears.Months.Count);
        Assert.Equal([2019, 2020, 2021, 2022, 2023, 2024, 2025], sevenYears.AcademicYears);
        Assert.Throws<ArgumentException>(() => new StatisticsPeriod(new YearMonth(2019, 7), new YearMonth(2026, 7)));
    }

    private static (string, string) Ends(StatisticsPeriod period) => (period.From.ToString(), period.To.ToString());
}
