using System.Globalization;
using System.Text;

namespace DropIn.Domain.Cases;

/// <summary>Names reduced for matching: "Zoë  O'Brien" and "zoe obrien" are the same person to a search box.</summary>
public static class NameKey
{
    public static string Normalise(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "";
        }

        var builder = new StringBuilder(name.Length);
        var lastWasSpace = true;
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '’' or '.')
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
                lastWasSpace = false;
            }
            else if (!lastWasSpace)
            {
                builder.Append(' ');
                lastWasSpace = true;
            }
        }

        return builder.ToString().TrimEnd();
    }

    /// <summary>American Soundex of one word: "Smith" and "Smyth" both give S530.</summary>
    public static string Soundex(string word)
    {
        var letters = Normalise(word).Where(char.IsAsciiLetter).ToArray();
        if (letters.Length == 0)
        {
            return "";
        }

        var code = new StringBuilder().Append(char.ToUpperInvariant(letters[0]));
        var previous = Digit(letters[0]);
        foreach (var letter in letters.Skip(1))
        {
            var digit = Digit(letter);
            if (digit != '0' && digit != previous)
            {
                code.Append(digit);
                if (code.Length == 4)
                {
                    break;
                }
            }

            // h and w do not separate two letters with the same code; vowels do.
            if (letter is not ('h' or 'w'))
            {
                previous = digit;
            }
        }

        return code.ToString().PadRight(4, '0');
    }

    /// <summary>The Soundex of the last word of a name: what duplicate checks and searches index on.</summary>
    public static string SurnameSound(string? name)
    {
        var words = Normalise(name).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 0 ? "" : Soundex(words[^1]);
    }

    private static char Digit(char letter) => letter switch
    {
        'b' or 'f' or 'p' or 'v' => '1',
        'c' or 'g' or 'j' or 'k' or 'q' or 's' or 'x' or 'z' => '2',
        'd' or 't' => '3',
        'l' => '4',
        'm' or 'n' => '5',
        'r' => '6',
        _ => '0',
    };
}
