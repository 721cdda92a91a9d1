using System.Text.Json.Serialization;

namespace EthicsBot.Features.Answers;

/// <summary>A curated question and answer of an organisation, citing the clauses it rests on; searchable at once.</summary>
public sealed record FaqEntry
{
    /// <summary>The review item it was published from.</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("organization")] public required string Organization { get; init; }
    [JsonPropertyName("question")] public required string Question { get; init; }
    [JsonPropertyName("answer")] public required string Answer { get; init; }
    [JsonPropertyName("clauses")] public IReadOnlyList<string> Clauses { get; init; } = [];
    [JsonPropertyName("publishedBy")] public string PublishedBy { get; init; } = "";
    [JsonPropertyName("updated")] public DateTimeOffset Updated { get; init; }
    [JsonPropertyName("withdrawn")] public bool Withdrawn { get; init; }
}
