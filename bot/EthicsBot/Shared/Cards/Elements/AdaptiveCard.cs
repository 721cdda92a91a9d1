using System.Text.Json;
using System.Text.Json.Serialization;

namespace EthicsBot.Shared.Cards.Elements;

/// <summary>An Adaptive Card (schema 1.5, the newest Teams renders): its body, its actions and, for cards that change, the refresh.</summary>
public sealed record AdaptiveCard
{
    public const string SchemaVersion = "1.5";

    [JsonPropertyOrder(-3)]
    public string Type => "AdaptiveCard";

    [JsonPropertyName("$schema"), JsonPropertyOrder(-2)]
    public string Schema => "http://adaptivecards.io/schemas/adaptive-card.json";

    [JsonPropertyOrder(-1)]
    public string Version => SchemaVersion;

    public required IReadOnlyList<AdaptiveElement> Body { get; init; }

    /// <summary>The buttons under the body; null (left out) when there are none.</summary>
    public IReadOnlyList<AdaptiveAction>? Actions { get; init; }

    public CardRefresh? Refresh { get; init; }

    /// <summary>True for a card in a right-to-left language (Arabic); null (left out) otherwise.</summary>
    public bool? Rtl { get; init; }

    /// <summary>The card as the JSON Teams receives (an attachment's content, or an invoke's value).</summary>
    public JsonElement ToJson() => JsonSerializer.SerializeToElement(this, CardJson.Options);
}
