using System.Text.Json.Serialization;

namespace EthicsBot.Features.Campaigns;

/// <summary>Who a campaign asks: everyone the bot can reach in the organisation, or a list of Entra object ids (an uploaded CSV).</summary>
public sealed record CampaignAudience
{
    [JsonPropertyName("kind")] public AudienceKind Kind { get; init; }
    /// <summary>The Entra object ids (<see cref="AudienceKind.List"/>), lower case.</summary>
    [JsonPropertyName("ids")] public IReadOnlyList<string> Ids { get; init; } = [];

    /// <summary>Whether a person the bot has just met belongs to it (new joiners of an open campaign).</summary>
    public bool Includes(StaffContact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return Kind switch
        {
            AudienceKind.Everyone => true,
            _ => Ids.Contains(contact.UserId, StringComparer.OrdinalIgnoreCase),
        };
    }
}
