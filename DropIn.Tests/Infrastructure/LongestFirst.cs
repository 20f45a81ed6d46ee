using Xunit.Sdk;
using Xunit.v3;

[assembly: TestCollectionOrderer(typeof(DropIn.Tests.Infrastructure.LongestFirst))]

namespace DropIn.Tests.Infrastructure;

/// <summary>
/// Starts the longest test collections first, so the short ones fill the gaps at the end of the run instead of a
/// ten-minute browser class starting last while the other core sits idle (xunit's default order is a hash of each
/// collection's id, a different order every run). With two cores, a run that starts CaseBrowser or ScreenFit (ten
/// minutes each) last can end that much later than one that starts them first.
/// </summary>
/// <remarks>
/// The order is: the browser classes, the ones measured longest first (test-seconds in a CI run on two cores,
/// December 2026); the scale-out classes that may run beside others, which wait on schedules and servers;
/// integration; components; and the rest, which take seconds. The scale-out smoke test still runs alone after all of
/// these: tried beside one browser class, its 3-second cross-instance promise took 7.2 s and its failover 21.7 s.
/// </remarks>
public sealed class LongestFirst : ITestCollectionOrderer
{
    /// <summary>Browser classes measured longest in a CI run, longest first (test-seconds: 668, 639, 327, 304, 275).</summary>
    private static readonly string[] LongestBrowserClasses =
        ["CaseBrowserTests", "ScreenFitBrowserTests", "StaffSessionBrowserTests", "QueueBrowserTests", "BoardBrowserTests"];

    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : ITestCollection =>
        testCollections
            .OrderBy(c => Group(c))
            .ThenBy(c => Known(c))
            .ThenBy(c => c.TestCollectionDisplayName, StringComparer.Ordinal)
            .ToList();

    private static int Group(ITestCollection collection)
    {
        var name = collection.TestCollectionClassName ?? collection.TestCollectionDisplayName;
        return name switch
        {
            _ when name.Contains(".Browser.", StringComparison.Ordinal) => 0,
            _ when name.Contains(".ScaleOut.", StringComparison.Ordinal) => 1,
            _ when name.Contains(".Integration.", StringComparison.Ordinal) => 2,
            _ when name.Contains(".Components.", StringComparison.Ordinal) => 3,
            _ => 4,
        };
    }

    private static int Known(ITestCollection collection)
    {
        var index = Array.FindIndex(LongestBrowserClasses, c => collection.TestCollectionDisplayName.Contains("." + c + " ", StringComparison.Ordinal));
        return index < 0 ? LongestBrowserClasses.Length : index;
    }
}
