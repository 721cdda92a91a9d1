using System.Globalization;
using System.Net;
using System.Text;

namespace EthicsBot.Features.Office.Desk;

/// <summary>Small helpers for server-rendered HTML: every value that came from a person or the store is encoded here.</summary>
internal static class Html
{
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string Day(DateTimeOffset at) => at.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string DayTime(DateTimeOffset at) => at.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Age(TimeSpan age) => age.TotalDays >= 2 ? $"{(int)age.TotalDays} days"
        : age.TotalHours >= 2 ? $"{(int)age.TotalHours} hours"
        : age.TotalMinutes >= 2 ? $"{(int)age.TotalMinutes} minutes" : "just now";

    /// <summary>A link the desk's script loads into the page with the person's token.</summary>
    public static string Link(string href, string text, string? testId = null) =>
        $"<a href=\"{E(href)}\" data-desk=\"{E(href)}\"{(testId is null ? "" : $" data-testid=\"{E(testId)}\"")}>{E(text)}</a>";

    public static string Query(params (string Key, string? Value)[] pairs)
    {
        var parts = pairs.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value!)}").ToList();
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }

    public static string Note(string? text, bool good) =>
        text is null ? "" : $"<p class=\"note {(good ? "good" : "bad")}\" role=\"status\">{E(text)}</p>";

    public static string Options(IEnumerable<(string Value, string Text)> options, string? selected, string? any = null)
    {
        var html = new StringBuilder();
        if (any is not null)
            html.Append($"<option value=\"\">{E(any)}</option>");
        foreach (var (value, text) in options)
            html.Append($"<option value=\"{E(value)}\"{(value == selected ? " selected" : "")}>{E(text)}</option>");
        return html.ToString();
    }
}
