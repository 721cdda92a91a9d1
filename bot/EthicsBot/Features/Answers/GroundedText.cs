using System.Text.Json.Serialization;

namespace EthicsBot.Features.Answers;

/// <summary>What the model wrote, checked: the text, its verdict and the clauses it cites.</summary>
public sealed record GroundedText(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("verdict")] string Verdict,
    [property: JsonPropertyName("approver")] string? Approver,
    [property: JsonPropertyName("citations")] IReadOnlyList<string> Citations,
    [property: JsonPropertyName("answered")] bool Answered);
