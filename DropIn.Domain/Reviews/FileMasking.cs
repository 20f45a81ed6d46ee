using System.Text.RegularExpressions;

namespace DropIn.Domain.Reviews;

/// <summary>
/// Masks a student's name and contact details in what a case file says, for an external assessor, who reads the
/// quality of the advice, not who it was for. The student's names and number, and any email address or phone
/// number (ten digits or more, however spaced), are replaced with a bracketed word saying what was there.
/// </summary>
public static partial class FileMasking
{
    public const string Name = "[name]";
    public const string Email = "[email]";
    public const string Phone = "[phone]";
    public const string Number = "[student number]";

    /// <param name="names">The student's names as recorded (full and preferred); each word of two letters or more is masked.</param>
    /// <param name="studentNumber">The student's number, masked where it appears.</param>
    public static string Mask(string? text, IEnumerable<string?> names, string? studentNumber)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var masked = EmailPattern().Replace(text, Email);
        masked = PhonePattern().Replace(masked, m => m.Value.Count(char.IsAsciiDigit) >= 10 ? Phone : m.Value);
        if (!string.IsNullOrWhiteSpace(studentNumber))
        {
            masked = Regex.Replace(masked, Regex.Escape(studentNumber.Trim()), Number, RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        }

        var words = names.Where(n => n is not null).SelectMany(n => WordPattern().Matches(n!).Select(m => m.Value))
            .Where(w => w.Length >= 2).Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(w => w.Length).ToList();
        foreach (var word in words)
        {
            masked = Regex.Replace(masked, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(word)}(?![\p{{L}}\p{{N}}])", Name, RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        }

        // "Aisha Rahman" became "[name] [name]": one mask says as much.
        return RepeatedName().Replace(masked, Name);
    }

    [GeneratedRegex(@"[^\s@<>(),;:""']+@[^\s@<>(),;:""']+\.[^\s@<>(),;:""'.]+", RegexOptions.None, 1000)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<![\w])\+?\(?\d[\d\s().-]{8,}\d(?![\w])", RegexOptions.None, 1000)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"[\p{L}\p{N}'’-]+", RegexOptions.None, 1000)]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"\[name\](?:[\s-]+\[name\])+", RegexOptions.None, 1000)]
    private static partial Regex RepeatedName();
}
