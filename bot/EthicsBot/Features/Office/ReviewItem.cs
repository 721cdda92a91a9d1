using System.Text.Json.Serialization;
using EthicsBot.Teams.Protocol;

namespace EthicsBot.Features.Office;

/// <summary>
/// A question for the ethics office: the question, the organisation, when, the clauses the bot offered, and where to
/// answer (the asker's conversation reference, without their name) — nothing else about the asker.
/// </summary>
public sealed record ReviewItem
{
    /// <summary>The answer id of the reply the question came from: one item per answer.</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("organization")] public required string Organization { get; init; }
    [JsonPropertyName("question")] public required string Question { get; init; }
    [JsonPropertyName("clauses")] public IReadOnlyList<string> Clauses { get; init; } = [];
    [JsonPropertyName("source")] public string Source { get; init; } = ReviewSource.Asked;
    [JsonPropertyName("asker")] public required ConversationReference Asker { get; init; }
    /// <summary>The asker's Entra object id (or Teams id), from <see cref="Asker"/>: for the right to erasure, never shown.</summary>
    [JsonIgnore] public string AskerId => Asker.User?.StableId ?? "";
    [JsonPropertyName("at")] public DateTimeOffset At { get; init; }
    [JsonPropertyName("status")] public string Status { get; init; } = ReviewStatus.Open;
    [JsonPropertyName("assignedToId")] public string? AssignedToId { get; init; }
    [JsonPropertyName("assignedToName")] public string? AssignedToName { get; init; }
    [JsonPropertyName("answer")] public string? Answer { get; init; }
    /// <summary>The clauses the office's answer rests on.</summary>
    [JsonPropertyName("answerClauses")] public IReadOnlyList<string> AnswerClauses { get; init; } = [];
    [JsonPropertyName("closedById")] public string? ClosedById { get; init; }
    [JsonPropertyName("closedByName")] public string? ClosedByName { get; init; }
    [JsonPropertyName("closedAt")] public DateTimeOffset? ClosedAt { get; init; }
}
