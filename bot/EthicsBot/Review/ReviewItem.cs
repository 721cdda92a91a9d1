using System.Text.Json.Serialization;
using EthicsBot.Teams.Protocol;

namespace EthicsBot.Review;

/// <summary>Why a question is in the review queue.</summary>
public static class ReviewSource
{
    /// <summary>The asker sent it to the ethics office (not-covered reply, or "Ask the ethics office").</summary>
    public const string Asked = "asked";
    /// <summary>The asker rated the answer 👎 and agreed to share the question.</summary>
    public const string Unhelpful = "unhelpful";
}

public static class ReviewStatus
{
    public const string Open = "open";
    public const string Answered = "answered";
    /// <summary>Marked as not needing an answer.</summary>
    public const string Dismissed = "dismissed";
}

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

    /// <summary>A conversation reference trimmed to what answering needs: ids, no names.</summary>
    public static ConversationReference Minimal(ConversationReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return reference with
        {
            User = reference.User is null ? null : new ChannelAccount { Id = reference.User.Id, AadObjectId = reference.User.AadObjectId },
            Conversation = reference.Conversation is null ? null : new ConversationAccount
            {
                Id = reference.Conversation.Id, ConversationType = reference.Conversation.ConversationType, TenantId = reference.Conversation.TenantId,
            },
        };
    }
}

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

/// <summary>One answer the bot gave, for the insights: never the question, only what it was about.</summary>
public sealed record AnswerEvent(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("organization")] string Organization,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("topClause")] string? TopClause,
    [property: JsonPropertyName("faq")] bool FromFaq);
