using System.Text.RegularExpressions;
using DropIn.Tests.Infrastructure;

namespace DropIn.Tests.Domain;

/// <summary>
/// One clock: the app asks the injected <see cref="TimeProvider"/>, in London time, what time and day it is. The
/// server's own clock and zone are a second clock that a fake clock cannot move, and a UTC server's date is
/// yesterday's between midnight and 01:00 in summer (the enquiry dialog's date picker was out of range then).
/// </summary>
public sealed partial class OneClockTests
{
    [Fact]
    public void WebAndDomainCode_NeverReadTheServersClock()
    {
        var root = RepositoryRoot.Path;
        var offences = new List<string>();
        foreach (var project in new[] { "DropIn.Web", "DropIn.Domain" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, project), "*.*", SearchOption.AllDirectories)
                         .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
                         .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                  && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            {
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    // Comments may name what is forbidden; code may not.
                    var code = lines[i].Split("//")[0];
                    if (ServerClock().IsMatch(code) || (TimeProvider().IsMatch(code) && !code.Contains("AddSingleton(TimeProvider.System)", StringComparison.Ordinal)))
                    {
                        offences.Add($"{Path.GetRelativePath(root, file)}:{i + 1}: {lines[i].Trim()}");
                    }
                }
            }
        }

        Assert.True(offences.Count == 0, "Use the injected TimeProvider (LondonTime.Today(clock), LondonTime.Now(clock)) instead of:\n" + string.Join('\n', offences));
    }

    [GeneratedRegex(@"\bDateTime(Offset)?\s*\.\s*(Now|Today|UtcNow)\b")]
    private static partial Regex ServerClock();

    [GeneratedRegex(@"\bTimeProvider\s*\.\s*System\b")]
    private static partial Regex TimeProvider();
}
