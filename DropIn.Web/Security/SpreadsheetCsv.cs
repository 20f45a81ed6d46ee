using CsvHelper;

namespace DropIn.Web.Security;

/// <summary>
/// The one way the app writes a CSV file: CsvHelper (RFC 4180: comma separated, CRLF, quoted where needed) with one
/// configuration, every text cell made safe by <see cref="SpreadsheetText"/>, and numbers written as numbers.
/// </summary>
public sealed class SpreadsheetCsv : IDisposable
{
    /// <summary>
    /// UTF-8 with a byte-order mark, so that Excel opens "2025–26" as UTF-8. Rows may differ in width (a report is
    /// several tables one after another). CsvHelper's injection check is off: <see cref="SpreadsheetText"/> does more.
    /// </summary>
    public static readonly CsvWriterOptions Options =
        CsvWriterOptions.Default with { ValidateFieldCount = false, WriteByteOrderMark = true, Injection = CsvInjection.None };

    private readonly CsvWriter _csv;

    private SpreadsheetCsv(Stream stream) => _csv = CsvWriter.Create(stream, Options, leaveOpen: true);

    /// <summary>The file's bytes, after <paramref name="write"/> has written its rows.</summary>
    public static byte[] Write(Action<SpreadsheetCsv> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var stream = new MemoryStream();
        using (var csv = new SpreadsheetCsv(stream))
        {
            write(csv);
            csv._csv.Flush();
        }

        return stream.ToArray();
    }

    /// <summary>A text cell, defused by the one rule.</summary>
    public SpreadsheetCsv Text(string text)
    {
        _csv.WriteField(SpreadsheetText.Safe(text));
        return this;
    }

    /// <summary>
    /// A number cell, formatted with the invariant culture (<paramref name="format"/> as for <see cref="decimal.ToString(string)"/>).
    /// Never defused: a negative number stays a number.
    /// </summary>
    public SpreadsheetCsv Number(decimal value, string format)
    {
        _csv.WriteField(value, format);
        return this;
    }

    /// <summary>A whole row of text cells.</summary>
    public void Row(params string[] texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        foreach (var text in texts)
        {
            Text(text);
        }

        EndRow();
    }

    public void EndRow() => _csv.EndRecord();

    public void Dispose() => _csv.Dispose();
}
