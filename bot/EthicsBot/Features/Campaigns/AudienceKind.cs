using System.Text.Json.Serialization;

namespace EthicsBot.Features.Campaigns;

[JsonConverter(typeof(JsonStringEnumConverter<AudienceKind>))]
public enum AudienceKind
{
    /// <summary>Everyone of the organisation the bot can reach: who has the app, or is in a team the bot is in.</summary>
    Everyone,
    /// <summary>The members of chosen teams the bot is in (their rosters).</summary>
    Teams,
    /// <summary>A list of Entra object ids (an uploaded CSV).</summary>
    List,
}
