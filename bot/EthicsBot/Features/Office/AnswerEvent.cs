using System.Text.Json.Serialization;

namespace EthicsBot.Features.Office;

/// <summary>One answer the bot gave, for the insights: never the question, only what it was about.</summary>
public sealed record AnswerEvent(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("organization")] string Organization,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("topClause")] string? TopClause,
    [property: JsonPropertyName("faq")] bool FromFaq);
