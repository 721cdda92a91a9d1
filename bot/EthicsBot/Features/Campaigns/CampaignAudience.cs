using System.Text.Json.Serialization;

namespace EthicsBot.Features.Campaigns;

/// <summary>Who a campaign asks: everyone the bot can reach in the organisation, the members of chosen teams, or a list of Entra object ids (an uploaded CSV).</summary>
public sealed record CampaignAudience
{
    [JsonPropertyName("kind")] public AudienceKind Kind { get; init; }
    /// <summary>The team ids (<see cref="AudienceKind.Teams"/>) or the Entra object ids, lower case (<see cref="AudienceKind.List"/>).</summary>
    [JsonPropertyName("ids")] public IReadOnlyList<string> Ids { get; init; } = [];

    /// <summary>Whether a person the bot has just met belongs to it (new joiners of an open campaign).</summary>
    public bool Includes(StaffContact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return Kind switch
        {
            AudienceKind.Everyone => true,
            AudienceKind.Teams => contact.Teams.Any(t => Ids.Contains(t.Id, StringComparer.Ordinal)),
            _ => Ids.Contains(contact.UserId, StringComparer.OrdinalIgnoreCase),
        };
    }
}
