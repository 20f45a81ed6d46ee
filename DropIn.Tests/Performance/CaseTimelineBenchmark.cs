using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using DropIn.Domain.Cases;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Cases;
using DropIn.Web.Features.Students;
using DropIn.Web.Security;

namespace DropIn.Tests.Performance;

/// <summary>
/// A case file with 500 timeline entries against one with 10, in the same run: the service's read (the newest page of
/// entries, decrypted; and, as the baseline of before, every entry) and the server-rendered page a caseworker's
/// browser receives. Goal (issue 16): 500 entries in at most twice the time of 10. Results go to benchmarks/case-timeline.md.
/// </summary>
public sealed class CaseTimelineBenchmark(ITestOutputHelper output)
{
    private const int Rounds = 20;

    [Fact(Explicit = true)]
    public async Task FiveHundredEntries_OpenInAtMostTwiceTheTimeOfTen()
    {
        var clock = London.Clock(2026, 11, 23, 10, 0);
        await using var app = new AppFactory(clock: clock, settings: AppFactory.AlwaysOpen());
        var reception = await app.StaffAsync("Rita Reception", Roles.Reception);
        var sam = await app.StaffAsync("Sam Okafor", Roles.Caseworker);
        var category = (await app.UseAsync<CaseListsService, IReadOnlyList<CaseCategory>>(l => l.ActiveCategoriesAsync(sam)))[0].Id;
        var shortCase = await CaseWithEntriesAsync(app, clock, reception, sam, category, "Ada Short", 10);
        var longCase = await CaseWithEntriesAsync(app, clock, reception, sam, category, "Bea Long", 500);
        using var browser = await StaffBrowserClient.SignedInAsync(app, AppFactory.EmailOf("Sam Okafor"), AppFactory.StaffPassword);

        var rows = new List<(string What, double Short, double Long)>
        {
            ("Service read, the newest page (50)", await TimeAsync(() => app.UseAsync<CaseService, CaseFile>(c => c.GetAsync(sam, shortCase))),
                await TimeAsync(() => app.UseAsync<CaseService, CaseFile>(c => c.GetAsync(sam, longCase)))),
            ("Service read, every entry (before: the baseline)", await TimeAsync(() => app.UseAsync<CaseService, CaseFile>(c => c.GetAsync(sam, shortCase, int.MaxValue))),
                await TimeAsync(() => app.UseAsync<CaseService, CaseFile>(c => c.GetAsync(sam, longCase, int.MaxValue)))),
            ("Server-rendered page /cases/{id}", await TimeAsync(() => browser.GetStringAsync($"/cases/{shortCase}")),
                await TimeAsync(() => browser.GetStringAsync($"/cases/{longCase}"))),
        };
        var (shortPage, longPage) = (await browser.GetStringAsync($"/cases/{shortCase}"), await browser.GetStringAsync($"/cases/{longCase}"));

        var report = new StringBuilder()
            .AppendLine("# Case file: 500 timeline entries against 10").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores (shared with other work), in-process, SQLite file in WAL mode, notes encrypted at rest as in production; p50 of {Rounds} after a warm-up. Goal: 500 entries at most 2x the time of 10.").AppendLine()
            .AppendLine("| What | 10 entries, p50 ms | 500 entries, p50 ms | ratio |").AppendLine("|---|---|---|---|");
        foreach (var (what, s, l) in rows)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| {what} | {BenchmarkReport.Ms(s)} | {BenchmarkReport.Ms(l)} | {l / s:0.00} |");
        }

        report.AppendLine().AppendLine(CultureInfo.InvariantCulture,
            $"The page's HTML: {shortPage.Length / 1024.0:0} KB with {Count(shortPage)} entries shown for 10; {longPage.Length / 1024.0:0} KB with {Count(longPage)} shown for 500, and \"Show older entries\" for the rest.");
        output.WriteLine(report.ToString());
        await File.WriteAllTextAsync(BenchmarkReport.ResultsPath("case-timeline.md"), report.ToString());
        Assert.Equal(CaseService.TimelinePage, Count(longPage));
    }

    private static int Count(string html) => html.Split("data-testid=\"timeline-entry\"").Length - 1;

    private static async Task<Guid> CaseWithEntriesAsync(AppFactory app, Microsoft.Extensions.Time.Testing.FakeTimeProvider clock, ClaimsPrincipal reception, ClaimsPrincipal sam, int category, string name, int entries)
    {
        var student = await app.UseAsync<StudentService, Student>(s => s.RegisterAsync(reception, new StudentProfile(name)));
        var opened = await app.UseAsync<CaseService, Case>(c => c.OpenAsync(sam, student.Id, category, "An appeal", null));
        for (var i = 1; i <= entries; i++)
        {
            // A note of a realistic length: about a paragraph.
            await app.UseAsync<CaseWorkService, TimelineEntry>(w => w.AddEntryAsync(sam, opened.Id, new EntryDraft(EntryKind.Note,
                $"Note {i}: spoke with the student about the appeal, the evidence they have and what the faculty asked for; agreed next steps and a date to speak again.")));
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        return opened.Id;
    }

    private static async Task<double> TimeAsync(Func<Task> work)
    {
        await work();
        var times = new List<double>();
        for (var i = 0; i < Rounds; i++)
        {
            var watch = Stopwatch.StartNew();
            await work();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return BenchmarkReport.Percentile(times, 0.5);
    }
}
