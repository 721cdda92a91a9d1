using System.Text.Json;
using System.Text.RegularExpressions;
using EthicsBot.Shared.Cards;

namespace EthicsBot.Tests.Cards;

/// <summary>Text someone typed shows as text wherever Teams renders Markdown.</summary>
public sealed partial class TypedTextTests
{
    private const string Phishing = "[Ethics office: confirm your sign-in](https://evil.example/login) ![x](https://evil.example/p.png) **urgent** <https://evil.example>\n# Heading\n- item\n12. point";

    [Fact]
    public void Links_images_emphasis_autolinks_headings_and_lists_are_escaped()
    {
        var escaped = TypedText.Escape(Phishing);

        Assert.Equal(
            "\\[Ethics office: confirm your sign-in\\](https://evil.example/login) !\\[x\\](https://evil.example/p.png) \\*\\*urgent\\*\\* \\<https://evil.example\\>\n\\# Heading\n\\- item\n12\\. point",
            escaped);
        Assert.DoesNotMatch(LivePayload(), escaped);
        Assert.Equal("Can I keep a pen? It costs 5.50 - maybe (less).", TypedText.Escape("Can I keep a pen? It costs 5.50 - maybe (less)."));
        Assert.Equal("", TypedText.Escape(null));
    }

    [Fact]
    public async Task No_card_shows_typed_text_as_Markdown()
    {
        using var schema = new CardSchemaTests();
        var cards = await schema.EveryCardAsync(typed: Phishing);
        var plain = await schema.EveryCardAsync();

        var shown = 0;
        foreach (var (name, card) in cards)
        {
            foreach (var text in ShownText(card.ToJson()).Where(t => t.Contains("confirm your sign-in", StringComparison.Ordinal)))
            {
                Assert.True(!LivePayload().IsMatch(text), $"{name}: {text}");
                shown++;
            }
        }
        // The payload did reach the cards (as text): the question, answers, names, form values and comments.
        Assert.True(shown >= 20, $"typed text shown {shown} times");
        // And the same cards with ordinary text still carry the bot's own Markdown (bold, the channel's link).
        Assert.Contains(plain.SelectMany(c => ShownText(c.Card.ToJson())), t => LiveMarkdown().IsMatch(t));
    }

    /// <summary>Every string Teams renders as Markdown: TextBlock texts and Fact values, anywhere in the card.</summary>
    private static IEnumerable<string> ShownText(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var type = element.TryGetProperty("type", out var t) ? t.GetString() : null;
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.String && (type == "TextBlock" && property.Name == "text" || property.Name == "value" && element.TryGetProperty("title", out _) && type is null))
                        yield return property.Value.GetString()!;
                    foreach (var inner in ShownText(property.Value))
                        yield return inner;
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    foreach (var inner in ShownText(item))
                        yield return inner;
                break;
        }
    }

    // Any of the payload's Markdown left live: the link, the image, the bold, the autolink, the heading, the lists.
    [GeneratedRegex(@"(?<!\\)\[(Ethics|x)|(?<!\\)\]\(https://evil|(?<!\\)\*\*urgent|(?<!\\)<https://evil|(^|\n)(# Heading|- item|12\. point)")]
    private static partial Regex LivePayload();

    // The bot's own Markdown: bold, a link, a list.
    [GeneratedRegex(@"\*\*\w|\]\(https?:|(^|\n)- ")]
    private static partial Regex LiveMarkdown();
}
