using System.Globalization;
using DropIn.Tests.Infrastructure;

namespace DropIn.Tests.Performance;

/// <summary>Percentiles and the results folder, shared by the benchmarks.</summary>
public static class BenchmarkReport
{
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>benchmarks/ at the repository root (beside DropIn.sln).</summary>
    public static string ResultsPath(string fileName)
    {
        var folder = Path.Combine(RepositoryRoot.Path, "benchmarks");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, fileName);
    }

    /// <summary>This process's managed heap after a full collection, and its working set, in MB.</summary>
    public static (double Managed, double WorkingSet) Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return (GC.GetTotalMemory(forceFullCollection: true) / 1048576.0, System.Diagnostics.Process.GetCurrentProcess().WorkingSet64 / 1048576.0);
    }
}
