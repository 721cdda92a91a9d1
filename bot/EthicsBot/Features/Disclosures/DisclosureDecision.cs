using System.Text.Json.Serialization;

namespace EthicsBot.Features.Disclosures;

/// <summary>What the ethics office decided, by whom and when.</summary>
public sealed record DisclosureDecision(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("byId")] string ById,
    [property: JsonPropertyName("byName")] string ByName,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("comment")] string Comment);
