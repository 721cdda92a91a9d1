using System.Text.Json;
using System.Text.Json.Nodes;

namespace EthicsBot.Shared.Cards;

/// <summary>Small helpers for Adaptive Card JSON (schema 1.5, the newest Teams renders).</summary>
internal static class CardBuilder
{
    public const string Version = "1.5";

    public static JsonObject Card(JsonArray body, JsonArray? actions = null)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = Version,
            ["body"] = body,
        };
        if (actions is { Count: > 0 })
            card["actions"] = actions;
        return card;
    }

    public static JsonObject Text(string text, string? size = null, string? weight = null, bool subtle = false, bool italic = false, string? color = null, string? spacing = null)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (size is not null)
            block["size"] = size;
        if (weight is not null)
            block["weight"] = weight;
        if (subtle)
            block["isSubtle"] = true;
        if (italic)
            block["italic"] = true;
        if (color is not null)
            block["color"] = color;
        if (spacing is not null)
            block["spacing"] = spacing;
        return block;
    }

    public static JsonObject Container(JsonArray items, string? style = null, bool separator = false)
    {
        var container = new JsonObject { ["type"] = "Container", ["items"] = items };
        if (style is not null)
            container["style"] = style;
        if (separator)
            container["separator"] = true;
        return container;
    }

    public static JsonObject Facts(params (string Title, string Value)[] facts) => new()
    {
        ["type"] = "FactSet",
        ["facts"] = new JsonArray(facts.Select(f => (JsonNode)new JsonObject { ["title"] = f.Title, ["value"] = f.Value }).ToArray()),
    };

    /// <summary>A Universal Action: Teams sends it back as an <c>adaptiveCard/action</c> invoke with this verb and data.</summary>
    public static JsonObject Execute(string title, string verb, JsonObject data, string? style = null)
    {
        var action = new JsonObject { ["type"] = "Action.Execute", ["title"] = title, ["verb"] = verb, ["data"] = data };
        if (style is not null)
            action["style"] = style;
        return action;
    }

    public static JsonObject OpenUrl(string title, string url, string? style = null)
    {
        var action = new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = title, ["url"] = url };
        if (style is not null)
            action["style"] = style;
        return action;
    }

    /// <summary>Shows or hides the elements with these ids, without a round trip to the bot.</summary>
    public static JsonObject ToggleVisibility(string title, params string[] targets) => new()
    {
        ["type"] = "Action.ToggleVisibility",
        ["title"] = title,
        ["targetElements"] = new JsonArray(targets.Select(t => (JsonNode)t).ToArray()),
    };

    public static JsonObject ActionSet(params JsonObject[] actions) => new()
    {
        ["type"] = "ActionSet",
        ["actions"] = new JsonArray(actions.Select(a => (JsonNode)a).ToArray()),
    };

    /// <summary>Cuts text to at most <paramref name="max"/> characters at a word boundary, marking the cut.</summary>
    public static string Clip(string text, int max)
    {
        if (text.Length <= max)
            return text;
        var cut = text.LastIndexOf(' ', max - 1);
        return string.Concat(text.AsSpan(0, cut > max / 2 ? cut : max - 1), "…");
    }

    public static JsonElement ToElement(JsonObject card) => JsonSerializer.SerializeToElement(card);
}
