using System.Text.RegularExpressions;

namespace DropIn.Domain.Reviews;

/// <summary>
/// Masks a student's name and contact details in what a case file says, for an external assessor, who reads the
/// quality of the advice, not who it was for. Replaced with a bracketed word saying what was there: the student's
/// names (also inside a handle or address, "meichen04") and number; any email address, phone number (ten digits or
/// more, however spaced), social media handle, UK postcode, street address ("12 Mill Road") and date of birth. This
/// is pattern matching over free text: other people's names are not recognised, and the service's guidance asks
/// caseworkers to refer to others by their role.
/// </summary>
public static partial class FileMasking
{
    public const string Name = "[name]";
    public const string Email = "[email]";
    public const string Phone = "[phone]";
    public const string Number = "[student number]";
    public const string Handle = "[handle]";
    public const string Postcode = "[postcode]";
    public const string Address = "[address]";
    public const string Birth = "[date of birth]";

    /// <param name="names">The student's names as recorded (full and preferred); each word of two letters or more is masked.</param>
    /// <param name="studentNumber">The student's number, masked where it appears.</param>
    public static string Mask(string? text, IEnumerable<string?> names, string? studentNumber)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var masked = EmailPattern().Replace(text, Email);
        masked = HandlePattern().Replace(masked, Handle);
        masked = BirthPattern().Replace(masked, m => m.Groups["label"].Value + " " + Birth);
        masked = PhonePattern().Replace(masked, m => m.Value.Count(char.IsAsciiDigit) >= 10 ? Phone : m.Value);
        masked = AddressPattern().Replace(masked, Address);
        masked = PostcodePattern().Replace(masked, Postcode);
        if (!string.IsNullOrWhiteSpace(studentNumber))
        {
            masked = Regex.Replace(masked, Regex.Escape(studentNumber.Trim()), Number, RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        }

        var words = names.Where(n => n is not null).SelectMany(n => WordPattern().Matches(n!).Select(m => m.Value))
            .Where(w => w.Length >= 2).Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(w => w.Length).ToList();
        foreach (var word in words)
        {
            // Digits may follow a name ("chen04" in a username) but letters may not ("Li" is not masked in "Limited").
            masked = Regex.Replace(masked, $@"(?<!\p{{L}}){Regex.Escape(word)}(?!\p{{L}})", Name, RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        }

        // "Aisha Rahman" became "[name] [name]": one mask says as much.
        return RepeatedName().Replace(masked, Name);
    }

    [GeneratedRegex(@"[^\s@<>(),;:""']+@[^\s@<>(),;:""']+\.[^\s@<>(),;:""'.]+", RegexOptions.None, 1000)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<![\w])\+?\(?\d[\d\s().-]{8,}\d(?![\w])", RegexOptions.None, 1000)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"(?<![\w@])@[A-Za-z0-9_.]{2,}", RegexOptions.None, 1000)]
    private static partial Regex HandlePattern();

    // Date of birth, DOB, born (on): the label stays, the date after it goes, in any of the usual ways of writing it.
    [GeneratedRegex(@"(?<label>\b(?:date of birth|d\.?o\.?b\.?|born(?: on)?)(?:\s*:)?)\s*(?:\d{1,2}(?:st|nd|rd|th)?[\s/.-]+(?:\d{1,2}|\p{L}+)[\s/.,-]+\d{2,4}|\d{4}-\d{2}-\d{2})", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex BirthPattern();

    [GeneratedRegex(@"\b\d{1,4}[a-z]?,?\s+(?:[A-Z][\p{L}'’-]*\s+){1,3}(?:Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Close|Way|Drive|Dr|Court|Ct|Place|Pl|Terrace|Crescent|Gardens|Row|Hill|Walk|Square|Grove|Park|Mews|Parade)\b\.?", RegexOptions.None, 1000)]
    private static partial Regex AddressPattern();

    [GeneratedRegex(@"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex PostcodePattern();

    [GeneratedRegex(@"[\p{L}\p{N}'’-]+", RegexOptions.None, 1000)]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"\[name\](?:[\s-]+\[name\])+", RegexOptions.None, 1000)]
    private static partial Regex RepeatedName();
}
