using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EthicsBot.Features.Answers;

/// <summary>What a card shows before any click: the text of its text blocks and the titles of its buttons, outside hidden elements.</summary>
public static partial class CardScreen
{
    /// <summary>
    /// The characters of the first screen as a person sees them: a Markdown link counts by its text ("Policy
    /// document", not the address behind it), bold markers not at all.
    /// </summary>
    public static int VisibleCharacters(JsonElement card) => Read(card, null);

    /// <summary>The first screen's text, one text block or button title a line.</summary>
    public static string Text(JsonElement card)
    {
        var text = new StringBuilder();
        Read(card, text);
        return text.ToString();
    }

    private static int Read(JsonElement element, StringBuilder? text)
    {
        if (element.ValueKind == JsonValueKind.Array)
            return element.EnumerateArray().Sum(e => Read(e, text));
        if (element.ValueKind != JsonValueKind.Object || (element.TryGetProperty("isVisible", out var visible) && visible.ValueKind == JsonValueKind.False))
            return 0;
        var type = element.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
        var count = 0;
        if (type == "TextBlock" && element.TryGetProperty("text", out var body))
            count += Add(body.GetString() ?? "");
        if (type.StartsWith("Action.", StringComparison.Ordinal) && element.TryGetProperty("title", out var title))
            count += Add(title.GetString() ?? "");
        foreach (var part in new[] { "body", "items", "actions", "columns" })
            if (element.TryGetProperty(part, out var inner))
                count += Read(inner, text);
        return count;

        int Add(string s)
        {
            text?.AppendLine(s);
            return Bold().Replace(Link().Replace(s, "$1"), "").Length;
        }
    }

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\*\*")]
    private static partial Regex Bold();
}
