using System.Text;

namespace DropIn.Web.Security;

/// <summary>
/// The one rule for text in every CSV and Excel export: a spreadsheet shows it as text and never runs it as a formula.
/// CSV files apply it through <see cref="SpreadsheetCsv"/>; workbooks call <see cref="Safe"/> on each text cell.
/// </summary>
/// <remarks>
/// A spreadsheet runs a cell as a formula when it starts with <c>= + - @</c>, a tab, a carriage return or a line feed
/// (OWASP, "CSV Injection"; ASVS 5.0 1.2.10 adds NUL), and some (LibreOffice, Google Sheets) trim leading spaces and
/// quotes before they look, so <c> =1+2</c> and <c>"=1+2</c> count as starting with <c>=</c> too. A CSV cell can also
/// be split where the reader's list separator differs from ours: Excel in a locale whose separator is ";" reads
/// <c>A;=1+2</c> as the cells <c>A</c> and <c>=1+2</c>. So the first character that is not white space or a double
/// quote, at the start of the text and after every character that may start a new cell or row (comma, semicolon, tab,
/// CR, LF), is checked, and a trigger gets OWASP's apostrophe right before it, which Excel and LibreOffice read as
/// "this cell is text". It goes before the trigger rather than before the spaces so that trimming cannot separate the
/// two. <c>A;=1+2</c> becomes <c>A;'=1+2</c>, <c> "=1+2</c> becomes <c> "'=1+2</c>; text that already starts with the
/// apostrophe is text already, and ordinary text (a dash inside a sentence, "2025–26") is untouched. Numbers written as
/// numbers are not text and are never changed, so -5 stays a number.
/// CsvHelper's own <c>CsvInjection.Escape</c> is not used: it checks only a field's first character.
/// </remarks>
public static class SpreadsheetText
{
    public const char Escape = '\'';

    public static string Safe(string text)
    {
        StringBuilder? defused = null;
        var cellStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (cellStart && IsTrigger(c) && !(c == '\n' && i > 0 && text[i - 1] == '\r'))
            {
                defused ??= new StringBuilder(text.Length + 4).Append(text, 0, i);
                defused.Append(Escape);
            }

            defused?.Append(c);
            cellStart = IsSeparator(c) || (cellStart && IsPadding(c));
        }

        return defused?.ToString() ?? text;
    }

    private static bool IsTrigger(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n' or '\0';

    /// <summary>CR, LF and CRLF each end a row; the LF of a CRLF is not a new cell starting with LF.</summary>
    private static bool IsSeparator(char c) => c is ',' or ';' or '\t' or '\r' or '\n';

    /// <summary>What a spreadsheet may skip before deciding whether a cell is a formula.</summary>
    private static bool IsPadding(char c) => c == '"' || char.IsWhiteSpace(c);
}
