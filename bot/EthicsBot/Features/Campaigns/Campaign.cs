using System.Text.Json.Serialization;

namespace EthicsBot.Features.Campaigns;

/// <summary>
/// An acknowledgement campaign: the ethics office asks an audience to confirm, in their personal chat with the bot,
/// that they have read and understood one version of the Code, by a due date, with reminders on a cadence.
/// </summary>
public sealed record Campaign
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("organization")] public required string Organization { get; init; }
    [JsonPropertyName("title")] public required string Title { get; init; }
    /// <summary>The version of the Code to acknowledge: one acknowledgement per person and version.</summary>
    [JsonPropertyName("codeVersion")] public required string CodeVersion { get; init; }
    /// <summary>Where to read the Code (https), if the office gave one.</summary>
    [JsonPropertyName("codeLink")] public string? CodeLink { get; init; }
    [JsonPropertyName("message")] public required string Message { get; init; }
    /// <summary>The key points (or what changed since the last version), one line each.</summary>
    [JsonPropertyName("keyPoints")] public IReadOnlyList<string> KeyPoints { get; init; } = [];
    [JsonPropertyName("audience")] public required CampaignAudience Audience { get; init; }
    [JsonPropertyName("dueAt")] public DateTimeOffset DueAt { get; init; }
    /// <summary>Days between reminders to those who have not acknowledged; 0 for none.</summary>
    [JsonPropertyName("reminderEveryDays")] public int ReminderEveryDays { get; init; }
    [JsonPropertyName("status")] public CampaignStatus Status { get; init; } = CampaignStatus.Draft;
    [JsonPropertyName("createdById")] public required string CreatedById { get; init; }
    [JsonPropertyName("createdByName")] public required string CreatedByName { get; init; }
    [JsonPropertyName("createdAt")] public DateTimeOffset CreatedAt { get; init; }
    [JsonPropertyName("launchedAt")] public DateTimeOffset? LaunchedAt { get; init; }
    [JsonPropertyName("stoppedAt")] public DateTimeOffset? StoppedAt { get; init; }
    /// <summary>
    /// Launched, and its audience still being queued while the first cards go out: the launch finishes it, or, if the
    /// launch was interrupted, the senders' sweep (<see cref="CampaignDispatcher.FinishLaunchesAsync"/>); cleared by
    /// <see cref="ICampaignStore.QueuedAllAsync"/> alone.
    /// </summary>
    [JsonPropertyName("queuing")] public bool Queuing { get; init; }

    /// <summary>Running and not yet due: new joiners get it, reminders go out.</summary>
    public bool IsOpen(DateTimeOffset now) => Status == CampaignStatus.Running && now < DueAt;
}
