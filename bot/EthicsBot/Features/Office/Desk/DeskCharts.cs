using System.Globalization;
using System.Text;
using static EthicsBot.Features.Office.Desk.Html;

namespace EthicsBot.Features.Office.Desk;

/// <summary>
/// The insights as bar charts, drawn here as SVG (no script, no charting library to ship or update). They draw the
/// rows <see cref="Insights"/> builds for the card, after its masking: a count shown as "&lt; 5" is drawn as a hatched
/// stub of fixed width labelled "&lt; 5", which says nothing more than the card does; a zero as no bar, labelled 0;
/// shares and texts are listed.
/// </summary>
public static class DeskCharts
{
    private const int Width = 720, LabelWidth = 300, BarMax = 340, Row = 24;

    public static string Render(IReadOnlyList<InsightRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var html = new StringBuilder();
        var index = 0;
        foreach (var section in rows.GroupBy(r => r.Section))
        {
            index++;
            html.Append($"<section class=\"chart\" data-testid=\"chart\"><h2>{E(section.Key)}</h2>");
            var counts = section.Where(r => IsCount(r.Value)).ToList();
            var others = section.Where(r => !IsCount(r.Value)).ToList();
            if (counts.Count > 0)
                html.Append(Bars(section.Key, counts, index));
            if (others.Count > 0)
            {
                html.Append("<table class=\"facts\"><tbody>");
                foreach (var row in others)
                    html.Append($"<tr><th>{E(row.Label)}</th><td>{E(row.Value)}</td></tr>");
                html.Append("</tbody></table>");
            }
            html.Append("</section>");
        }
        return html.ToString();
    }

    private static bool IsCount(string value) => value == Insights.Masked || int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static string Bars(string title, IReadOnlyList<InsightRow> rows, int index)
    {
        var max = Math.Max(1, rows.Select(r => int.TryParse(r.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).DefaultIfEmpty(0).Max());
        var height = rows.Count * Row + 8;
        var svg = new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\"{E(title)}\">");
        svg.Append($"<title>{E(title)}</title><defs><pattern id=\"masked{index}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#e6e6f0\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#8b8cc7\" stroke-width=\"2\"/></pattern></defs>");
        for (var i = 0; i < rows.Count; i++)
        {
            var y = i * Row + 4;
            var label = rows[i].Label.Length > 44 ? rows[i].Label[..43] + "…" : rows[i].Label;
            svg.Append($"<text x=\"{LabelWidth - 8}\" y=\"{y + 15}\" text-anchor=\"end\" font-size=\"12\" fill=\"#242424\">{E(label)}</text>");
            if (int.TryParse(rows[i].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                // None is no bar at all, so it cannot be taken for a masked count or a small one.
                var w = n == 0 ? 0 : Math.Max(2, (int)Math.Round((double)n / max * BarMax));
                if (w > 0)
                    svg.Append($"<rect x=\"{LabelWidth}\" y=\"{y + 3}\" width=\"{w}\" height=\"{Row - 8}\" fill=\"#5b5fc7\"><title>{E(rows[i].Label)}: {n}</title></rect>");
                svg.Append($"<text x=\"{LabelWidth + w + 6}\" y=\"{y + 15}\" font-size=\"12\" fill=\"#242424\">{(w == 0 ? $"<title>{E(rows[i].Label)}: 0</title>" : "")}{n}</text>");
            }
            else
            {
                svg.Append($"<rect x=\"{LabelWidth}\" y=\"{y + 3}\" width=\"24\" height=\"{Row - 8}\" fill=\"url(#masked{index})\"><title>{E(rows[i].Label)}: {E(rows[i].Value)}</title></rect>")
                    .Append($"<text x=\"{LabelWidth + 30}\" y=\"{y + 15}\" font-size=\"12\" fill=\"#616161\">{E(rows[i].Value)}</text>");
            }
        }
        return svg.Append("</svg>").ToString();
    }
}
