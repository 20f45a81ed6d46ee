using System.Globalization;
using System.Text;

namespace DropIn.Domain;

/// <summary>
/// The one rule for every file name the service keeps or hands out (uploaded documents, downloads, exports, mail
/// attachments). A name is shown to staff and sent in <c>Content-Disposition</c>, so it must not be able to pretend to
/// be something else: no folder part, no control characters (CR/LF would split a header), and no invisible format
/// characters, above all the bidirectional controls U+202A–U+202E, U+2066–U+2069 and U+200E/U+200F, with which
/// "letter", U+202E, "fdp.exe" displays as "letterexe.pdf" (Unicode TR #36, Unicode Security Considerations, §2.2; CVE-2021-42574).
/// </summary>
public static class FileNames
{
    public const int MaxLength = 120;

    /// <summary>
    /// The name without folders, control and format characters (Unicode categories Cc, Cf, Zl, Zp), characters
    /// Windows forbids in names (<c>" * / : &lt; &gt; ? \ |</c>) or surrounding spaces and dots; the last
    /// <see cref="MaxLength"/> characters, so the extension survives. <paramref name="fallback"/> when nothing is left.
    /// </summary>
    public static string Safe(string? name, string fallback)
    {
        var plain = Path.GetFileName((name ?? "").Replace('\\', '/'));
        var kept = new StringBuilder(plain.Length);
        foreach (var c in plain)
        {
            if (!IsRefused(c))
            {
                kept.Append(c);
            }
        }

        var safe = kept.ToString().Trim().Trim('.').Trim();
        if (safe.Length > MaxLength)
        {
            safe = safe[^MaxLength..];
            // Never start with half of a character outside the basic plane.
            safe = char.IsLowSurrogate(safe[0]) ? safe[1..] : safe;
        }

        return safe.Length == 0 ? fallback : safe;
    }

    private static bool IsRefused(char c) =>
        c is '"' or '*' or '/' or ':' or '<' or '>' or '?' or '\\' or '|'
        || char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
