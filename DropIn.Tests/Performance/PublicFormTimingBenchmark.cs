using System.Diagnostics;
using System.Globalization;
using System.Text;
using DropIn.Domain.Cases;
using DropIn.Tests.Infrastructure;
using DropIn.Web.Features.Students;
using DropIn.Web.Security;
using Microsoft.Extensions.Time.Testing;

namespace DropIn.Tests.Performance;

/// <summary>
/// How long each public form takes to answer for an address the service knows (a student at the booking limit, a
/// withdrawn student, a staff account) and for a stranger, posted alternately over HTTP. The answers must not tell
/// them apart by time either. Results go to benchmarks/public-form-timing.md.
/// </summary>
public sealed class PublicFormTimingBenchmark(ITestOutputHelper output)
{
    private const int Rounds = 25;

    [Fact(Explicit = true)]
    public async Task KnownAndUnknownAddresses_TakeMuchTheSameTime()
    {
        var clock = London.Clock(2026, 11, 23, 8, 0);
        await using var app = new AppFactory(clock: clock, settings: new Dictionary<string, string?> { ["DropIn:Appointments:PublicRequestsPerMinute"] = "100000" });
        var h = new AppointmentHarness(app);
        await h.CaseworkerAsync("Sam Okafor", new TimeOnly(9, 0), new TimeOnly(17, 0));
        var reception = await app.StaffAsync("Rita Reception", Roles.Reception);
        var manager = await app.StaffAsync("Morgan Manager", Roles.Manager);
        await h.StudentAsync(s => s.RequestAsync(London.At(2026, 11, 23, 15, 0), AppointmentHarness.Booking("Lim", "lim1@cam.ac.uk")));
        await h.StudentAsync(s => s.RequestAsync(London.At(2026, 11, 23, 16, 0), AppointmentHarness.Booking("Lim", "lim1@cam.ac.uk")));
        var withdrawn = await app.UseAsync<StudentService, Student>(s => s.RegisterAsync(reception, new StudentProfile("Wendy Drew", Email: "wd1@cam.ac.uk")));
        await ConductHarness.WithdrawAsync(app, reception, manager, withdrawn.Id, clock.GetUtcNow());
        await h.StudentAsync(s => s.RequestAsync(London.At(2026, 11, 24, 9, 0), AppointmentHarness.Booking("Someone", "someone@cam.ac.uk")));

        // Free times for the "free time" rows: one per request, from Wednesday on.
        var free = new Queue<DateTimeOffset>(await h.StudentAsync(s => s.FreeTimesAsync(new DateOnly(2026, 11, 25), new DateOnly(2026, 12, 18))));
        var taken = London.At(2026, 11, 24, 9, 0);
        var forms = new (string Name, Func<string, Task<double>> Post, string Known)[]
        {
            ("Booking, a time just taken", e => BookAsync(app, taken, e), "lim1@cam.ac.uk"),
            ("Booking, a free time (student at the limit)", e => BookAsync(app, free.Dequeue(), e), "lim1@cam.ac.uk"),
            ("Booking, a free time (withdrawn student)", e => BookAsync(app, free.Dequeue(), e), "wd1@cam.ac.uk"),
            ("Contact form (withdrawn student)", e => PostAsync(app, "/contact", "contact", new() { ["Input.Name"] = "A Student", ["Input.Email"] = e, ["Input.Summary"] = "A question." }), "wd1@cam.ac.uk"),
            ("Forgotten password (staff account)", e => PostAsync(app, "/account/forgot-password", "forgot-password", new() { ["Input.Email"] = e }), AppFactory.EmailOf("Rita Reception")),
        };

        var report = new StringBuilder()
            .AppendLine("# Public forms: known and unknown addresses").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores (shared with other builds), in-process HTTP, SQLite file in WAL mode; {Rounds} posts each, known and unknown alternating, after one warm-up each.").AppendLine()
            .AppendLine("| Form | known p50 ms | unknown p50 ms | known p90 ms | unknown p90 ms |").AppendLine("|---|---|---|---|---|");
        var stranger = 0;
        foreach (var (name, post, known) in forms)
        {
            await post(known);
            await post($"warm{stranger++}@cam.ac.uk");
            var (k, u) = (new List<double>(), new List<double>());
            for (var i = 0; i < Rounds; i++)
            {
                k.Add(await post(known));
                u.Add(await post($"zz{stranger++}@cam.ac.uk"));
            }

            k.Sort();
            u.Sort();
            report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {BenchmarkReport.Ms(BenchmarkReport.Percentile(k, 0.5))} | {BenchmarkReport.Ms(BenchmarkReport.Percentile(u, 0.5))} | {BenchmarkReport.Ms(BenchmarkReport.Percentile(k, 0.9))} | {BenchmarkReport.Ms(BenchmarkReport.Percentile(u, 0.9))} |");
        }

        output.WriteLine(report.ToString());
        await File.WriteAllTextAsync(BenchmarkReport.ResultsPath("public-form-timing.md"), report.ToString());
    }

    private static Task<double> BookAsync(AppFactory app, DateTimeOffset start, string email) =>
        PostAsync(app, $"/book/details?kind=InPerson&start={start.ToUnixTimeSeconds()}", "book", new() { ["Input.Name"] = "A Student", ["Input.Email"] = email, ["Input.Topic"] = "Housing" });

    /// <summary>Reads the form (for its antiforgery token) untimed, then times the post alone.</summary>
    private static async Task<double> PostAsync(AppFactory app, string path, string form, Dictionary<string, string> fields)
    {
        using var client = StaffBrowserClient.Anonymous(app);
        var page = await client.GetStringAsync(path);
        var body = new FormUrlEncodedContent(new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value,
            ["_handler"] = form,
        });
        var started = Stopwatch.GetTimestamp();
        using var response = await client.PostAsync(path, body);
        await response.Content.ReadAsStringAsync();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
