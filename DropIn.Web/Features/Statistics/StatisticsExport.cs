using System.Globalization;
using ClosedXML.Excel;
using DropIn.Domain.Statistics;
using DropIn.Web.Security;

namespace DropIn.Web.Features.Statistics;

/// <summary>
/// The report as a CSV file or an Excel workbook: the published figures exactly as the dashboard shows them (".." where
/// hidden), the rules statement, and each table's note. Nothing else is in the report to leak.
/// </summary>
public static class StatisticsExport
{
    public static string FileName(StatisticsReport report, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"dropin-statistics-{report.Period.From}-to-{report.Period.To}.{extension}");

    /// <summary>The report as CSV (<see cref="SpreadsheetCsv"/>): text defused, published figures as numbers, ".." where hidden.</summary>
    public static byte[] Csv(StatisticsReport report) => SpreadsheetCsv.Write(csv =>
    {
        csv.Row("DropIn statistics", report.Period.Label);
        csv.Row("Disclosure control", DisclosureRules.Statement);
        foreach (var table in report.Tables)
        {
            csv.Row("");
            csv.Row(table.Title);
            csv.Row([table.RowHeading, .. table.Columns]);
            foreach (var row in table.Rows)
            {
                csv.Text(row.Label);
                foreach (var figure in row.Figures)
                {
                    Write(csv, figure);
                }

                csv.EndRow();
            }

            csv.Row("Note", table.Note);
        }
    });

    public static byte[] Workbook(StatisticsReport report)
    {
        using var workbook = new XLWorkbook();
        var rules = workbook.Worksheets.Add("Rules");
        rules.Cell(1, 1).SetValue(SpreadsheetText.Safe("DropIn statistics: " + report.Period.Label));
        rules.Cell(2, 1).SetValue(SpreadsheetText.Safe(DisclosureRules.Statement));
        rules.Cell(2, 1).Style.Alignment.WrapText = true;
        rules.Column(1).Width = 120;

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Rules" };
        foreach (var table in report.Tables)
        {
            var sheet = workbook.Worksheets.Add(SheetName(table, names));
            sheet.Cell(1, 1).SetValue(SpreadsheetText.Safe(table.Title));
            sheet.Cell(1, 1).Style.Font.Bold = true;
            string[] heading = [table.RowHeading, .. table.Columns];
            for (var c = 0; c < heading.Length; c++)
            {
                sheet.Cell(3, c + 1).SetValue(SpreadsheetText.Safe(heading[c]));
                sheet.Cell(3, c + 1).Style.Font.Bold = true;
            }

            var r = 4;
            foreach (var row in table.Rows)
            {
                sheet.Cell(r, 1).SetValue(SpreadsheetText.Safe(row.Label));
                sheet.Cell(r, 1).Style.Font.Bold = row.IsTotal;
                for (var c = 0; c < row.Figures.Count; c++)
                {
                    Write(sheet.Cell(r, c + 2), row.Figures[c]);
                }

                r++;
            }

            sheet.Cell(r + 1, 1).SetValue(SpreadsheetText.Safe("Note: " + table.Note));
            // Fixed widths: measuring text needs fonts the server may not have.
            sheet.Column(1).Width = 34;
            sheet.Columns(2, heading.Length).Width = 16;
        }

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>Numbers stay numbers (so a manager can chart them); a hidden figure is the text "..".</summary>
    private static void Write(IXLCell cell, PublishedFigure figure)
    {
        if (figure.Value is not { } value)
        {
            cell.SetValue(PublishedFigure.Hidden);
            cell.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Right;
            return;
        }

        switch (figure.Kind)
        {
            case FigureKind.Percentage:
                cell.SetValue(value / 100m);
                cell.Style.NumberFormat.Format = "0%";
                break;
            case FigureKind.Average:
                cell.SetValue(value);
                cell.Style.NumberFormat.Format = "0.0";
                break;
            case FigureKind.Money:
                cell.SetValue(value);
                cell.Style.NumberFormat.Format = "\"£\"#,##0";
                break;
            default:
                cell.SetValue(value);
                cell.Style.NumberFormat.Format = "#,##0";
                break;
        }
    }

    /// <summary>Excel allows 31 characters and no []:*?/\ in a sheet name, each unique.</summary>
    private static string SheetName(PublishedTable table, HashSet<string> taken)
    {
        var name = new string([.. table.Title.Where(ch => !"[]:*?/\\".Contains(ch))]);
        name = name.Length > 31 ? name[..31].TrimEnd() : name;
        for (var i = 2; !taken.Add(name); i++)
        {
            var suffix = string.Create(CultureInfo.InvariantCulture, $" {i}");
            name = name[..Math.Min(name.Length, 31 - suffix.Length)] + suffix;
        }

        return name;
    }

    /// <summary>
    /// As the dashboard shows it, but a count without thousands separators ("1,234" would be text, or 1.234 where the
    /// comma is the decimal mark), so that every shown figure stays a number.
    /// </summary>
    private static void Write(SpreadsheetCsv csv, PublishedFigure figure)
    {
        if (figure.Value is not { } value)
        {
            csv.Text(PublishedFigure.Hidden);
            return;
        }

        csv.Number(value, figure.Kind switch
        {
            FigureKind.Percentage => "0'%'",
            FigureKind.Average => "0.0",
            _ => "0",
        });
    }
}
