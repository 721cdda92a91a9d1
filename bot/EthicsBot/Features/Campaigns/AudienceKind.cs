using System.Text.Json.Serialization;

namespace EthicsBot.Features.Campaigns;

[JsonConverter(typeof(JsonStringEnumConverter<AudienceKind>))]
public enum AudienceKind
{
    /// <summary>Everyone in the organisation who has the app (the bot has a personal chat with them).</summary>
    Everyone,
    /// <summary>A list of Entra object ids (an uploaded CSV).</summary>
    List,
}
