using System.Text.Json.Serialization;

namespace EthicsBot.Features.Disclosures;

/// <summary>Guidance from the Code shown under a field: the clause, and a short text (the clause's first sentence when empty).</summary>
public sealed class FieldGuidance
{
    [JsonPropertyName("clause")] public string Clause { get; set; } = "";
    [JsonPropertyName("text")] public string? Text { get; set; }
}
