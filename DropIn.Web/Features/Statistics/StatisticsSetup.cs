using System.Security.Claims;
using DropIn.Web.Security;
using DropIn.Web.Security.Audit;

namespace DropIn.Web.Features.Statistics;

public static class StatisticsSetup
{
    public const string CsvPath = "/statistics/export.csv";
    public const string WorkbookPath = "/statistics/export.xlsx";

    public static WebApplicationBuilder AddDropInStatistics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StatisticsOptions>().BindConfiguration(StatisticsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<StatisticsService>();
        // One per app: the cache outlives the requests and circuits that use it.
        builder.Services.AddSingleton<MonitoringAnswerCache>();
        return builder;
    }

    public static WebApplication MapDropInStatistics(this WebApplication app)
    {
        app.MapGet(CsvPath, (HttpContext http, ClaimsPrincipal user, StatisticsService statistics, AuditLog audit, string? from, string? to) =>
                ExportAsync(http, user, statistics, audit, from, to, "csv", "text/csv; charset=utf-8", StatisticsExport.Csv))
            .RequireAuthorization(Permissions.ExportStatistics);
        app.MapGet(WorkbookPath, (HttpContext http, ClaimsPrincipal user, StatisticsService statistics, AuditLog audit, string? from, string? to) =>
                ExportAsync(http, user, statistics, audit, from, to, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", StatisticsExport.Workbook))
            .RequireAuthorization(Permissions.ExportStatistics);
        return app;
    }

    /// <summary>The dashboard's export links for a period.</summary>
    public static string ExportPath(string path, StatisticsPeriod period) => $"{path}?{period.Query}";

    /// <summary>
    /// A file that leaves the system: only after a recent sign-in (a tablet left signed in cannot carry figures away),
    /// recorded in the audit trail, and never kept in a browser or proxy cache.
    /// </summary>
    private static async Task<IResult> ExportAsync(
        HttpContext http, ClaimsPrincipal user, StatisticsService statistics, AuditLog audit, string? from, string? to,
        string format, string contentType, Func<StatisticsReport, byte[]> write)
    {
        if (RecentSignIn.Demand(http) is { } confirm)
        {
            return confirm;
        }

        var period = PeriodFrom(from, to, statistics.Now);
        if (period is null)
        {
            return Results.BadRequest("Give the period as from=yyyy-MM&to=yyyy-MM, at most " + StatisticsPeriod.MaxMonths + " months.");
        }

        var report = await statistics.ReportAsync(user, period, http.RequestAborted);
        var file = write(report);
        await audit.RecordAsync(user, "statistics.export", "Statistics", $"{period.From}..{period.To}", detail: format);
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return FileDownloads.Attachment(file, contentType, StatisticsExport.FileName(report, format));
    }

    /// <summary>Both ends, or neither (this academic year); null when they do not make a period.</summary>
    private static StatisticsPeriod? PeriodFrom(string? from, string? to, DateTimeOffset now)
    {
        if (from is null && to is null)
        {
            return StatisticsPeriod.Of(PeriodPreset.ThisAcademicYear, now);
        }

        if (StatisticsPeriod.ParseMonth(from) is not { } start || StatisticsPeriod.ParseMonth(to) is not { } end)
        {
            return null;
        }

        try
        {
            return new StatisticsPeriod(start, end);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
