using System.Text.Json.Serialization;

namespace EthicsBot.Features.Disclosures;

/// <summary>One answer of a submitted disclosure, kept as the discloser saw it (the form file may change later).</summary>
public sealed record DisclosureAnswer(
    [property: JsonPropertyName("field")] string Field,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("display")] string Display);
