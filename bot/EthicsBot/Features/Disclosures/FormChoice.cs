using System.Text.Json.Serialization;

namespace EthicsBot.Features.Disclosures;

public sealed class FormChoice
{
    [JsonPropertyName("value")] public string Value { get; set; } = "";
    [JsonPropertyName("title")] public string Title { get; set; } = "";
}
