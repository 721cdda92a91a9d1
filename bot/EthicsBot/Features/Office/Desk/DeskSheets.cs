using System.Text;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace EthicsBot.Features.Office.Desk;

/// <summary>
/// The desk's exports as files: CSV (RFC 4180, UTF-8 with a byte order mark so Excel reads accents) and Excel (.xlsx
/// written by MiniExcel), the same columns in both. A cell that starts like a formula (=, +, -, @) is prefixed with an
/// apostrophe in the CSV, so a value typed by staff never runs in a spreadsheet.
/// </summary>
internal static class DeskSheets
{
    public static IResult Csv(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows, string fileName)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', columns.Select(CsvField.Quote)).Append("\r\n");
        foreach (var row in rows)
            csv.AppendJoin(',', row.Select(v => CsvField.Quote(Defuse(v)))).Append("\r\n");
        return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", fileName);
    }

    public static IResult Excel(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows, string sheetName, string fileName)
    {
        var sheet = rows.Select(row =>
        {
            var record = new Dictionary<string, object>(StringComparer.Ordinal);
            for (var i = 0; i < columns.Count; i++)
                record[columns[i]] = row[i];
            return record;
        }).ToList();
        if (sheet.Count == 0)
            sheet.Add(columns.ToDictionary(c => c, _ => (object)"", StringComparer.Ordinal)); // headers even when nothing matched
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, sheet, sheetName: sheetName);
        return Results.File(stream.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName);
    }

    private static string Defuse(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
