using System.Globalization;
using System.Text;
using MiniExcel = MiniExcelLibs.MiniExcel;
using EthicsBot.Features.Disclosures;

namespace EthicsBot.Features.Office.Desk;

/// <summary>
/// The register as a file: CSV (RFC 4180, UTF-8 with a byte order mark so Excel reads accents) and Excel (.xlsx
/// written by MiniExcel). One row per disclosure with the same columns in both. A cell that starts like a formula
/// (=, +, -, @) is prefixed with an apostrophe in the CSV, so a value typed by staff never runs in a spreadsheet.
/// </summary>
public static class RegisterExport
{
    public const int MaxRows = 50_000;

    public static readonly IReadOnlyList<string> Columns =
        ["Reference", "Organisation", "Type", "Submitted (UTC)", "Status", "Discloser", "Decided by", "Decided at (UTC)", "Comment", "Answers"];

    public static IEnumerable<IReadOnlyList<string>> Rows(IEnumerable<Disclosure> disclosures, IReadOnlyDictionary<string, string> organizationNames)
    {
        ArgumentNullException.ThrowIfNull(disclosures);
        ArgumentNullException.ThrowIfNull(organizationNames);
        foreach (var d in disclosures)
        {
            var last = d.Decisions.Count > 0 ? d.Decisions[^1] : null;
            yield return
            [
                d.Reference, organizationNames.GetValueOrDefault(d.Organization, d.Organization), d.FormTitle,
                d.Submitted.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), d.Status, d.Discloser.Name,
                last?.ByName ?? "", last?.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "", last?.Comment ?? "",
                string.Join("; ", d.Answers.Select(a => $"{a.Label}: {a.Display}")),
            ];
        }
    }

    public static string Csv(IEnumerable<Disclosure> disclosures, IReadOnlyDictionary<string, string> organizationNames)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', Columns.Select(Quote)).Append("\r\n");
        foreach (var row in Rows(disclosures, organizationNames))
            csv.AppendJoin(',', row.Select(v => Quote(Defuse(v)))).Append("\r\n");
        return csv.ToString();
    }

    public static byte[] Excel(IEnumerable<Disclosure> disclosures, IReadOnlyDictionary<string, string> organizationNames)
    {
        var sheet = Rows(disclosures, organizationNames).Select(row =>
        {
            var record = new Dictionary<string, object>(StringComparer.Ordinal);
            for (var i = 0; i < Columns.Count; i++)
                record[Columns[i]] = row[i];
            return record;
        }).ToList();
        if (sheet.Count == 0)
            sheet.Add(Columns.ToDictionary(c => c, _ => (object)"", StringComparer.Ordinal)); // headers even when nothing matched
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, sheet, sheetName: "Disclosures");
        return stream.ToArray();
    }

    private static string Defuse(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
