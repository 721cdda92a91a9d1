using System.Text.Json.Serialization;

namespace EthicsBot.Features.Campaigns;

/// <summary>
/// One person of one campaign: the durable queue's entry and what came of it. The card goes out once per person and
/// campaign (<see cref="ICampaignStore.ClaimAsync"/>); a reminder is the same entry queued again.
/// </summary>
public sealed record Delivery
{
    [JsonPropertyName("campaignId")] public required string CampaignId { get; init; }
    [JsonPropertyName("organization")] public required string Organization { get; init; }
    [JsonPropertyName("userId")] public required string UserId { get; init; }
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("state")] public DeliveryState State { get; init; }
    /// <summary>Sends tried for the current card (the first or a reminder).</summary>
    [JsonPropertyName("attempts")] public int Attempts { get; init; }
    /// <summary>Not to be sent before (a retry's back-off, a reminder's day).</summary>
    [JsonPropertyName("dueAt")] public DateTimeOffset DueAt { get; init; }
    [JsonPropertyName("sentAt")] public DateTimeOffset? SentAt { get; init; }
    /// <summary>How many reminders were sent after the first card.</summary>
    [JsonPropertyName("reminders")] public int Reminders { get; init; }
    [JsonPropertyName("failure")] public DeliveryFailure? Failure { get; init; }
    [JsonPropertyName("acknowledgedAt")] public DateTimeOffset? AcknowledgedAt { get; init; }
}
