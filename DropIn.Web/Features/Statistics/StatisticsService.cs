using System.Security.Claims;
using DropIn.Domain.Statistics;
using DropIn.Web.Data;
using DropIn.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DropIn.Web.Features.Statistics;

/// <summary>
/// The manager's statistics: live data plus the anonymous remnants of destroyed cases, for any run of months. Every
/// figure leaves as a PublishedFigure (rounded, or ".."), so the dashboard, the exports and the annual report cannot
/// show an unrounded count by mistake.
/// </summary>
public sealed class StatisticsService(
    IDbContextFactory<DropInDbContext> dbFactory, StaffAuthorizer authorizer, TimeProvider clock, IEnumerable<IStatisticsSection> sections,
    MonitoringAnswerCache monitoringAnswers, IOptions<StatisticsOptions> options)
{
    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<StatisticsReport> ReportAsync(ClaimsPrincipal user, StatisticsPeriod period, CancellationToken ct = default)
    {
        await authorizer.RequireAsync(user, Permissions.ViewStatistics);
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        var enquiries = await ServiceUseStatistics.EnquiriesByChannelAsync(db, period);
        var acknowledgement = await ServiceUseStatistics.AcknowledgementAsync(db, period, now);
        var cases = await ServiceUseStatistics.CasesByCategoryAsync(db, period);
        var outcomes = await ServiceUseStatistics.OutcomesAsync(db, period);
        var achieved = await OutcomeStatistics.AchievedAsync(db, period, options.Value.MoneyTotalMinimumCases);
        var levels = await OutcomeStatistics.LevelsAsync(db, period);
        var (dropIn, averageWait) = await AttendanceStatistics.DropInAsync(db, period, now);
        var (appointments, noShowRate) = await AttendanceStatistics.AppointmentsAsync(db, period);
        var monitoring = await MonitoringStatistics.BreakdownsAsync(db, period, monitoringAnswers);

        var headlines = new List<Headline>
        {
            new("enquiries", "Enquiries received", Total(enquiries)),
            new("acknowledged", "Acknowledged within 2 working days", acknowledgement.TotalRow!.Figures[1]),
            new("cases-opened", "Cases opened", Total(cases)),
            new("cases-closed", "Cases closed", Total(outcomes)),
            new("financial-gain", "Financial gain for students", achieved[1].TotalRow!.Figures[^1]),
            new("dropin-visits", "Drop-in visits", dropIn.TotalRow?.Figures[^2] ?? PublishedFigure.Count(0)),
            new("dropin-wait", "Average drop-in wait (minutes)", averageWait),
            new("appointments-attended", "Appointments attended", appointments.TotalRow!.Figures[0]),
            new("no-show-rate", "Share of appointments missed", noShowRate),
        };
        var report = new List<ReportSection>
        {
            new("enquiries", "Enquiries and the acknowledgement promise", [enquiries, acknowledgement]),
            new("cases", "Cases", [cases, outcomes, levels]),
            new("achieved", "What cases achieved for students", achieved),
            new("attendance", "Drop-in and appointments", [dropIn, appointments]),
            new("monitoring", "Equality monitoring", monitoring),
        };
        foreach (var section in sections)
        {
            report.Add(new ReportSection(section.Id, section.Title, await section.BuildAsync(period, ct)));
        }

        if (report.All(s => s.Id != IStatisticsSection.FeedbackSectionId))
        {
            report.Add(new ReportSection(IStatisticsSection.FeedbackSectionId, "Feedback results", [],
                "Feedback results will appear here once feedback surveys are collected."));
        }

        return new StatisticsReport(period, now, headlines, report);
    }

    private static PublishedFigure Total(PublishedTable table) => table.TotalRow!.Figures[^1];
}
