using System.Text.Json.Serialization;

namespace EthicsBot.Features.Campaigns;

/// <summary>A team the bot is in, as a person's contact records it: the audience "members of chosen teams" reads it.</summary>
public sealed record TeamRef(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name);
