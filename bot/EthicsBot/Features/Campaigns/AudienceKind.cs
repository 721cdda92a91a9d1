using System.Text.Json.Serialization;

namespace EthicsBot.Features.Campaigns;

[JsonConverter(typeof(JsonStringEnumConverter<AudienceKind>))]
public enum AudienceKind
{
    /// <summary>Everyone in the organisation who has the app (the bot has a personal chat with them).</summary>
    Everyone,
    /// <summary>The members of chosen teams the bot is in (their rosters).</summary>
    Teams,
    /// <summary>A list of Entra object ids (an uploaded CSV).</summary>
    List,
}
