using System.Diagnostics;
using System.Globalization;
using System.Text;
using DropIn.Tests.Infrastructure;
using DropIn.Tests.ScaleOut;

namespace DropIn.Tests.Performance;

/// <summary>
/// Cold start: from <c>dotnet DropIn.Web.dll</c> to the first 200 from <c>/board</c>, the published app as an operator
/// runs it (Production: migrations and the starting categories and roles, no demo data; Development adds the demo data),
/// beside an empty ASP.NET Core app published and started the same way in the same run. Three databases: an empty data
/// folder (every migration), one that is up to date, and seven years at a large union's volume when
/// <see cref="SevenYearsDatabase"/> finds one. Explicit: results go to benchmarks/cold-start.md.
/// </summary>
public sealed class ColdStartBenchmark(ITestOutputHelper output)
{
    private const int Runs = 5;

    /// <summary>Where the seven-year benchmark keeps the database it seeded (its seeding takes about a minute).</summary>
    private static string? SevenYearsDatabase =>
        Directory.Exists("/tmp/dropin-seven-years") ? Directory.EnumerateFiles("/tmp/dropin-seven-years", "dropin.db", SearchOption.AllDirectories).FirstOrDefault() : null;

    [Fact(Explicit = true)]
    public async Task FirstBoardResponse_AgainstAnEmptyApp()
    {
        var root = Path.Combine(Path.GetTempPath(), $"dropin-cold-start-{Guid.NewGuid():N}");
        try
        {
            var app = await PublishedApp.PublishAsync(Path.Combine(root, "app"));
            var empty = await EmptyAppAsync(Path.Combine(root, "empty"));
            var report = new StringBuilder()
                .AppendLine("# Cold start: process start to the first board response").AppendLine()
                .AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores: `dotnet <app>.dll` until `GET /board` first answers 200 (polled every 10 ms), median and slowest of {Runs} starts, each a new process. The app is this build published as the tests build it ({Configuration}); the baseline is an empty ASP.NET Core app (`WebApplication`, one `MapGet(\"/board\")`) published and started the same way. Seconds.").AppendLine()
                .AppendLine("| Start | Median | Slowest | × baseline |").AppendLine("|---|---|---|---|");

            var baseline = await MeasureAsync(() => empty.StartInfo(Settings(Path.Combine(root, "unused"), "Production")), prepare: null);
            report.AppendLine(Row("Empty ASP.NET Core app (baseline)", baseline, baseline.Median));

            var fresh = 0;
            var emptyFolder = await MeasureAsync(() => app.StartInfo(Settings(Path.Combine(root, $"fresh{fresh}"), "Production")), prepare: () => fresh++);
            report.AppendLine(Row("DropIn, empty data folder (every migration, categories, roles)", emptyFolder, baseline.Median));

            var demo = 0;
            var emptyDemo = await MeasureAsync(() => app.StartInfo(Settings(Path.Combine(root, $"demo{demo}"), "Development")), prepare: () => demo++);
            report.AppendLine(Row("DropIn, empty data folder, Development (and the demo data)", emptyDemo, baseline.Median));

            var existing = Path.Combine(root, "existing");
            await MeasureAsync(() => app.StartInfo(Settings(existing, "Production")), prepare: null, runs: 1);
            var upToDate = await MeasureAsync(() => app.StartInfo(Settings(existing, "Production")), prepare: null);
            report.AppendLine(Row("DropIn, database up to date", upToDate, baseline.Median));

            // As deploy/README.md publishes it: Release, compiled ahead of time for the server's processor (ReadyToRun).
            // Its own build and intermediate files go to an artifacts folder, so the repository's obj/ is untouched.
            var deployed = await PublishedApp.PublishProjectAsync(Path.Combine(RepositoryRoot.Path, "DropIn.Web", "DropIn.Web.csproj"),
                Path.Combine(root, "deployed"), "Release", "-r", "linux-x64", "-p:PublishReadyToRun=true", "--artifacts-path", Path.Combine(root, "artifacts"));
            var deployedFresh = 0;
            var deployedEmpty = await MeasureAsync(() => deployed.StartInfo(Settings(Path.Combine(root, $"deployed{deployedFresh}"), "Production")), prepare: () => deployedFresh++);
            report.AppendLine(Row("DropIn published as deploy/README.md says (Release, ReadyToRun), empty data folder", deployedEmpty, baseline.Median));
            var deployedUpToDate = await MeasureAsync(() => deployed.StartInfo(Settings(existing, "Production")), prepare: null);
            report.AppendLine(Row("DropIn published as deploy/README.md says, database up to date", deployedUpToDate, baseline.Median));

            if (SevenYearsDatabase is { } seven)
            {
                var sevenFolder = Path.Combine(root, "seven");
                Directory.CreateDirectory(sevenFolder);
                File.Copy(seven, Path.Combine(sevenFolder, "dropin.db"));
                var size = new FileInfo(seven).Length / 1048576.0;
                var sevenYears = await MeasureAsync(() => app.StartInfo(Settings(sevenFolder, "Production")), prepare: null);
                report.AppendLine(Row(FormattableString.Invariant($"DropIn, seven years of data ({size:0} MB of SQLite)"), sevenYears, baseline.Median));
            }
            else
            {
                report.AppendLine("| DropIn, seven years of data | not measured: run SevenYearsBenchmark first to seed it | | |");
            }

            await File.WriteAllTextAsync(BenchmarkReport.ResultsPath("cold-start.md"), report.ToString());
            output.WriteLine(report.ToString());
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // A process still closing its files: the temporary folder is left for the system to clear.
            }
        }
    }

    private static string Configuration =>
        typeof(ColdStartBenchmark).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .OfType<System.Reflection.AssemblyConfigurationAttribute>().FirstOrDefault()?.Configuration ?? "Debug";

    private static string Row(string what, (double Median, double Slowest) t, double baseline) =>
        FormattableString.Invariant($"| {what} | {t.Median:0.00} | {t.Slowest:0.00} | {t.Median / baseline:0.0} |");

    private static Dictionary<string, string?> Settings(string dataFolder, string environment) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = environment,
        ["DropIn:DataFolder"] = dataFolder,
        ["DropIn:Mail:Smtp:Host"] = "127.0.0.1",
        ["DropIn:Mail:Smtp:Port"] = "2525",
        ["DropIn:Mail:Smtp:UseStartTls"] = "false",
    };

    /// <summary>Starts the app <paramref name="runs"/> times, each until the board answers: the median and slowest, in seconds.</summary>
    private static async Task<(double Median, double Slowest)> MeasureAsync(Func<ProcessStartInfo> start, Action? prepare, int runs = Runs)
    {
        var times = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            prepare?.Invoke();
            var port = AppFactory.FreePort();
            var info = start();
            info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            times.Add(await TimeToFirstBoardAsync(info, port));
        }

        times.Sort();
        return (times[times.Count / 2], times[^1]);
    }

    private static async Task<double> TimeToFirstBoardAsync(ProcessStartInfo info, int port)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("The app did not start.");
        process.StandardInput.Close();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (clock.Elapsed < TimeSpan.FromMinutes(2))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"The app stopped before it answered:\n{output}");
                }

                try
                {
                    using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/board"));
                    if (response.IsSuccessStatusCode)
                    {
                        return clock.Elapsed.TotalSeconds;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(10);
            }

            throw new TimeoutException($"The board did not answer within two minutes:\n{output}");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>
    /// The baseline: an empty ASP.NET Core app with one endpoint at <c>/board</c>, published like DropIn. Outside the
    /// repository, so none of its build settings or packages apply.
    /// </summary>
    private static async Task<PublishedApp> EmptyAppAsync(string folder)
    {
        var source = Path.Combine(folder, "src");
        Directory.CreateDirectory(source);
        await File.WriteAllTextAsync(Path.Combine(source, "Empty.csproj"),
            """<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings><AssemblyName>DropIn.Web</AssemblyName></PropertyGroup></Project>""");
        await File.WriteAllTextAsync(Path.Combine(source, "Program.cs"),
            """
            var app = WebApplication.Create(args);
            app.MapGet("/board", () => "Drop-in board");
            app.Run();
            """);
        return await PublishedApp.PublishProjectAsync(Path.Combine(source, "Empty.csproj"), Path.Combine(folder, "out"), Configuration);
    }
}
