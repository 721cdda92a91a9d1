using System.Text.Json.Serialization;

namespace EthicsBot.Features.Disclosures;

/// <summary>
/// A disclosure being filled in: which form, which step, what was typed so far. Kept per conversation and user
/// until it is submitted, cancelled or left idle too long.
/// </summary>
public sealed record DialogState
{
    /// <summary>A new id per dialog; it becomes the disclosure's id, which makes submitting idempotent.</summary>
    [JsonPropertyName("dialogId")] public required string DialogId { get; init; }
    [JsonPropertyName("organization")] public required string Organization { get; init; }
    [JsonPropertyName("form")] public required string FormId { get; init; }
    /// <summary>0 to steps − 1: a step of the form; steps: the summary to confirm.</summary>
    [JsonPropertyName("step")] public int Step { get; init; }
    [JsonPropertyName("values")] public Dictionary<string, string> Values { get; init; } = [];
    [JsonPropertyName("discloser")] public required Discloser Discloser { get; init; }
    [JsonPropertyName("started")] public DateTimeOffset Started { get; init; }

    /// <summary>The language the form is shown in (ISO 639-1; null: English), kept with the disclosure for the office.</summary>
    [JsonPropertyName("language")] public string? Language { get; init; }
    [JsonPropertyName("updated")] public DateTimeOffset Updated { get; init; }
}
