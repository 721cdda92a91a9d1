using System.Text.Json.Serialization;

namespace EthicsBot.Features.Disclosures;

/// <summary>One card of a form.</summary>
public sealed class FormStep
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("title")] public string Title { get; set; } = "";
    [JsonPropertyName("intro")] public string? Intro { get; set; }
    [JsonPropertyName("fields")] public List<FormField> Fields { get; set; } = [];
}
