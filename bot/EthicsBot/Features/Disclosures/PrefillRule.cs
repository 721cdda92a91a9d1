using System.Text.Json.Serialization;

namespace EthicsBot.Features.Disclosures;

/// <summary>
/// When <see cref="Pattern"/> matches the question, the field gets <see cref="Value"/>, or the text of the match's
/// group named <c>value</c>. The first rule that matches wins.
/// </summary>
public sealed class PrefillRule
{
    [JsonPropertyName("pattern")] public string Pattern { get; set; } = "";
    [JsonPropertyName("value")] public string? Value { get; set; }
}
