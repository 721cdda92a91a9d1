using System.Text.Json.Serialization;

namespace EthicsBot.Features.Campaigns;

/// <summary>"I have read and understood the Code": who, which version, when, through which campaign. One per person and version.</summary>
public sealed record Acknowledgement
{
    [JsonPropertyName("organization")] public required string Organization { get; init; }
    /// <summary>The Entra object id of the person.</summary>
    [JsonPropertyName("userId")] public required string UserId { get; init; }
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("codeVersion")] public required string CodeVersion { get; init; }
    [JsonPropertyName("campaignId")] public required string CampaignId { get; init; }
    [JsonPropertyName("at")] public DateTimeOffset At { get; init; }
}
