using System.Text.Json.Serialization;

namespace EthicsBot.Features.Disclosures;

/// <summary>A submitted disclosure.</summary>
public sealed record Disclosure
{
    /// <summary>The dialog id it was submitted from.</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("organization")] public required string Organization { get; init; }
    [JsonPropertyName("form")] public required string FormId { get; init; }
    [JsonPropertyName("formTitle")] public required string FormTitle { get; init; }
    /// <summary>What the disclosure is called in a sentence: "gift declaration".</summary>
    [JsonPropertyName("noun")] public string Noun { get; init; } = "disclosure";
    /// <summary>Given by the store on the first submit, e.g. <c>GIFT-2026-000042</c>.</summary>
    [JsonPropertyName("reference")] public string Reference { get; init; } = "";
    [JsonPropertyName("referencePrefix")] public required string ReferencePrefix { get; init; }
    [JsonPropertyName("discloser")] public required Discloser Discloser { get; init; }
    [JsonPropertyName("answers")] public required IReadOnlyList<DisclosureAnswer> Answers { get; init; }
    [JsonPropertyName("submitted")] public DateTimeOffset Submitted { get; init; }

    /// <summary>The language the person filled the form in (ISO 639-1; null: English): what they typed is in it.</summary>
    [JsonPropertyName("language")] public string? Language { get; init; }
    [JsonPropertyName("status")] public string Status { get; init; } = DisclosureStatus.Submitted;
    /// <summary>Every decision in order (acknowledged, then approved or declined).</summary>
    [JsonPropertyName("decisions")] public IReadOnlyList<DisclosureDecision> Decisions { get; init; } = [];
    /// <summary>The card posted to the ethics office conversation, once it was posted.</summary>
    [JsonPropertyName("officeActivityId")] public string? OfficeActivityId { get; init; }

    [JsonIgnore] public bool OfficeNotified => OfficeActivityId is not null;

    /// <summary>"Gift declaration GIFT-2026-000042".</summary>
    [JsonIgnore] public string Name => $"{char.ToUpperInvariant(Noun[0])}{Noun[1..]} {Reference}";
}
