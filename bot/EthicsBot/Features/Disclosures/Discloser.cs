using System.Text.Json.Serialization;
using EthicsBot.Teams.Protocol;

namespace EthicsBot.Features.Disclosures;

/// <summary>Who is making a disclosure: the Teams user in a conversation, and where to tell them about it later.</summary>
public sealed record Discloser(
    [property: JsonPropertyName("userId")] string UserId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("conversation")] ConversationReference Conversation)
{
    /// <summary>The conversation the dialog runs in; with <see cref="UserId"/> the key of its state.</summary>
    [JsonIgnore] public string ConversationId => Conversation.Conversation?.Id ?? "";
}
