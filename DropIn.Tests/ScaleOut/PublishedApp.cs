using System.Diagnostics;
using System.Reflection;
using System.Text;
using DropIn.Tests.Infrastructure;

namespace DropIn.Tests.ScaleOut;

/// <summary>
/// DropIn.Web as an operator installs it: <c>dotnet publish</c> to a folder, then <c>dotnet DropIn.Web.dll</c> (the web
/// server, or a verb such as <c>migrate</c> or <c>verify-audit</c>) with its settings in environment variables.
/// </summary>
public sealed class PublishedApp
{
    private PublishedApp(string folder) => Folder = folder;

    public string Folder { get; }

    public string Dll => Path.Combine(Folder, "DropIn.Web.dll");

    /// <summary>
    /// Publishes the build the tests already made (<c>--no-build</c>, same configuration as the test assembly): about
    /// 13 s here, where a Release publish compiles everything again and took 3.5 minutes on this 2-core machine.
    /// </summary>
    /// <exception cref="InvalidOperationException">The publish failed; the message holds its output.</exception>
    public static async Task<PublishedApp> PublishAsync(string folder)
    {
        var configuration = typeof(PublishedApp).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var project = Path.Combine(RepositoryRoot.Path, "DropIn.Web", "DropIn.Web.csproj");
        var publish = Command(RepositoryRoot.Path, "publish", project, "-c", configuration, "--no-build", "-o", folder, "-v", "q", "-nologo");
        var (exit, output) = await RunAsync(publish, TimeSpan.FromMinutes(10));
        if (exit != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({exit}):\n{output}");
        }

        return new PublishedApp(folder);
    }

    /// <summary>
    /// Builds and publishes a web project whose assembly is named <c>DropIn.Web</c>: DropIn itself as an operator
    /// publishes it, or a benchmark's baseline app, so each starts the same way.
    /// </summary>
    /// <exception cref="InvalidOperationException">The publish failed; the message holds its output.</exception>
    /// <param name="options">More <c>dotnet publish</c> options, such as a runtime identifier.</param>
    public static async Task<PublishedApp> PublishProjectAsync(string project, string folder, string configuration, params string[] options)
    {
        var publish = Command(Path.GetDirectoryName(project)!, ["publish", project, "-c", configuration, "-o", folder, "-v", "q", "-nologo", .. options]);
        var (exit, output) = await RunAsync(publish, TimeSpan.FromMinutes(10));
        if (exit != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({exit}):\n{output}");
        }

        return new PublishedApp(folder);
    }

    /// <summary>The dotnet host running the tests (DOTNET_HOST_PATH), so the instances use the same runtime.</summary>
    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>The start information for <c>dotnet DropIn.Web.dll args…</c> with exactly these settings (nothing inherited that would change them).</summary>
    public ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        var start = Command(Folder, [Dll, .. args]);
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return start;
    }

    /// <summary>Runs a verb to its end: its exit code and everything it wrote.</summary>
    /// <exception cref="TimeoutException">It ran longer than <paramref name="timeout"/> (it is killed).</exception>
    public Task<(int Exit, string Output)> RunVerbAsync(IReadOnlyDictionary<string, string?> settings, TimeSpan timeout, params string[] args) =>
        RunAsync(StartInfo(settings, args), timeout);

    private static ProcessStartInfo Command(string folder, params string[] args)
    {
        var start = new ProcessStartInfo(Dotnet)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Isolate(start.Environment);
        return start;
    }

    private static async Task<(int Exit, string Output)> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        process.StandardInput.Close();
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{string.Join(' ', start.ArgumentList)} ran longer than {timeout}:\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    /// <summary>
    /// Drops what the test host's own environment would otherwise pass on: its ASP.NET Core environment and URLs, and any
    /// DropIn or connection-string settings, so each process has only the settings it is given.
    /// </summary>
    private static void Isolate(IDictionary<string, string?> environment)
    {
        foreach (var key in environment.Keys.ToList())
        {
            if (key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) || key.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("DropIn__", StringComparison.OrdinalIgnoreCase) || key.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("Logging__", StringComparison.OrdinalIgnoreCase) || key.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase))
            {
                environment.Remove(key);
            }
        }
    }
}
