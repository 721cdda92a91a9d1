using System.Text.Json.Serialization;
using EthicsBot.Teams.Protocol;

namespace EthicsBot.Features.Campaigns;

/// <summary>
/// A person the bot can write to: their Entra object id, their name as Teams gave it, and the personal conversation
/// (kept from the app's installation or their first message there).
/// </summary>
public sealed record StaffContact
{
    [JsonPropertyName("organization")] public required string Organization { get; init; }
    /// <summary>The Entra object id.</summary>
    [JsonPropertyName("userId")] public required string UserId { get; init; }
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    /// <summary>The personal chat: ids only (<see cref="Minimal"/>).</summary>
    [JsonPropertyName("conversation")] public required ConversationReference Conversation { get; init; }
    [JsonPropertyName("seenAt")] public DateTimeOffset SeenAt { get; init; }

    /// <summary>The personal chat's reference trimmed to what sending needs: ids and the service URL, no names.</summary>
    public static ConversationReference Minimal(ConversationReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return new ConversationReference
        {
            ChannelId = reference.ChannelId,
            ServiceUrl = reference.ServiceUrl,
            Locale = reference.Locale,
            Bot = reference.Bot is null ? null : new ChannelAccount { Id = reference.Bot.Id },
            User = reference.User is null ? null : new ChannelAccount { Id = reference.User.Id, AadObjectId = reference.User.AadObjectId },
            Conversation = reference.Conversation is null ? null : new ConversationAccount
            {
                Id = reference.Conversation.Id, ConversationType = reference.Conversation.ConversationType, TenantId = reference.Conversation.TenantId,
            },
        };
    }
}
