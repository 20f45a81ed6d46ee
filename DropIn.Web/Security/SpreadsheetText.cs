using System.Text;

namespace DropIn.Web.Security;

/// <summary>
/// The one rule for text in every CSV and Excel export: a spreadsheet shows it as text and never runs it as a formula.
/// </summary>
/// <remarks>
/// A spreadsheet runs a cell as a formula when it starts with <c>= + - @</c>, a tab or a carriage return (OWASP, "CSV
/// Injection"; ASVS 5.0 1.2.10 adds NUL). A CSV cell can also be split where the reader's list separator differs from
/// ours: Excel in a locale whose separator is ";" reads <c>A;=1+2</c> as the cells <c>A</c> and <c>=1+2</c>. So a
/// trigger is defused at the start of the text and after every character that may start a new cell or row (comma,
/// semicolon, tab, CR, LF), spaces in between included: OWASP's apostrophe goes right before it, which Excel and
/// LibreOffice read as "this cell is text". <c>A;=1+2</c> becomes <c>A;'=1+2</c>, <c>=1+2</c> becomes <c>'=1+2</c>;
/// ordinary text (a dash inside a sentence, "2025–26") is untouched. Numbers written as numbers (Excel) are not text.
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
            if (cellStart && IsTrigger(c))
            {
                defused ??= new StringBuilder(text.Length + 4).Append(text, 0, i);
                defused.Append(Escape);
            }

            defused?.Append(c);
            cellStart = IsSeparator(c) || (cellStart && c == ' ');
        }

        return defused?.ToString() ?? text;
    }

    private static bool IsTrigger(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r' or '\0';

    private static bool IsSeparator(char c) => c is ',' or ';' or '\t' or '\r' or '\n';
}
