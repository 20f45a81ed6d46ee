using System.Text.RegularExpressions;
using DropIn.Domain.Cases;

namespace DropIn.Domain.Confidentiality;

/// <summary>
/// Finds other registered students named in free text, for review before a student's record is released. A name matches
/// as whole words, case and accents ignored ("zoe obrien" finds Zoë O'Brien), as "first surname", "surname first", or
/// preferred name and surname. One-word names are left out: a lone "Sam" would flag half the record.
/// </summary>
public sealed partial class NameMentions
{
    private readonly List<(Guid Id, string Pattern)> _patterns = [];

    public NameMentions(IEnumerable<(Guid Id, string Name, string? PreferredName)> others)
    {
        foreach (var (id, name, preferred) in others)
        {
            var words = NameKey.Normalise(name).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2)
            {
                continue;
            }

            var (first, last) = (words[0], words[^1]);
            var patterns = new HashSet<string>(StringComparer.Ordinal) { string.Join(' ', words), $"{first} {last}", $"{last} {first}" };
            if (NameKey.Normalise(preferred) is { Length: > 0 } known)
            {
                patterns.Add($"{known} {last}");
            }

            _patterns.AddRange(patterns.Select(p => (id, p)));
        }
    }

    /// <summary>The ids of the students named in <paramref name="text"/>.</summary>
    public IReadOnlySet<Guid> In(string? text)
    {
        // A possessive stays a separate word ("Ben Carter's" names Ben Carter); the key would otherwise join it on.
        var key = NameKey.Normalise(text is null ? null : Possessive().Replace(text, " s"));
        if (key.Length == 0)
        {
            return new HashSet<Guid>();
        }

        var padded = " " + key + " ";
        return _patterns.Where(p => padded.Contains(" " + p.Pattern + " ", StringComparison.Ordinal)).Select(p => p.Id).ToHashSet();
    }

    [GeneratedRegex(@"['’]s\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Possessive();
}
