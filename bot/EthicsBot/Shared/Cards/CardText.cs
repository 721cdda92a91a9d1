using System.Text;
using System.Text.RegularExpressions;
using EthicsBot.Shared.Cards.Elements;

namespace EthicsBot.Shared.Cards;

/// <summary>
/// A card as plain text for a terminal, in the order Teams shows it: its text with Markdown's marks taken off (a link as
/// "text (url)", <see cref="TypedText"/>'s escapes undone), facts as "title: value", buttons as [title], an input by its
/// label, and what a "Show …" button reveals indented under it. What the card says, and nothing it does not.
/// </summary>
public static partial class CardText
{
    public static string Render(AdaptiveCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var text = new StringBuilder();
        Write(text, card.Body, "");
        if (card.Actions is { Count: > 0 } actions)
            Line(text.Append('\n'), "", Buttons(actions));
        return text.ToString().Trim('\n') + "\n";
    }

    private static void Write(StringBuilder text, IReadOnlyList<AdaptiveElement> elements, string indent)
    {
        foreach (var element in elements)
        {
            // A block of its own (a container, a heading, a wider gap) starts after an empty line.
            if (element is Container || element is TextBlock { Size: "Medium" or "Large" } || element.Spacing is "Medium" or "Large" || element.Separator == true)
                Gap(text);
            var inner = element.IsVisible == false ? indent + "  " : indent;
            switch (element)
            {
                case TextBlock block:
                    Line(text, inner, Plain(block.Text));
                    break;
                case FactSet facts:
                    foreach (var fact in facts.Facts)
                        Line(text, inner, $"{Plain(fact.Title)}: {Plain(fact.Value)}");
                    break;
                case Container container:
                    Write(text, container.Items, inner);
                    break;
                case ActionSet set:
                    Line(text, inner, Buttons(set.Actions));
                    break;
                case AdaptiveInput input:
                    Line(text, inner, $"({Plain(input.Label ?? input.Id ?? "input")})");
                    break;
            }
        }
    }

    private static string Buttons(IReadOnlyList<AdaptiveAction> actions) =>
        string.Join("  ", actions.Where(a => a.Title is not null).Select(a => a is ActionOpenUrl open ? $"[{a.Title}: {open.Url}]" : $"[{a.Title}]"));

    private static void Line(StringBuilder text, string indent, string line)
    {
        foreach (var part in line.Split('\n'))
            text.Append(indent).Append(part.TrimEnd()).Append('\n');
    }

    private static void Gap(StringBuilder text)
    {
        if (text.Length > 0 && !text.ToString().EndsWith("\n\n", StringComparison.Ordinal))
            text.Append('\n');
    }

    /// <summary>Markdown as a person reads it: no bold marks, a link's address beside its text, escapes undone.</summary>
    public static string Plain(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var text = Link().Replace(markdown, m => Unescape(m.Groups["text"].Value) == m.Groups["url"].Value
            ? m.Groups["url"].Value
            : $"{m.Groups["text"].Value} ({m.Groups["url"].Value})");
        text = Bold().Replace(text, "");
        return Escaped().Replace(text, "$1");
    }

    private static string Unescape(string text) => Escaped().Replace(text, "$1");

    [GeneratedRegex(@"(?<!\\)\[(?<text>(?:\\.|[^\]\\])*)\]\((?<url>[^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"(?<!\\)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"\\([\\`*_\[\]<>~#+\-.)])")]
    private static partial Regex Escaped();
}
