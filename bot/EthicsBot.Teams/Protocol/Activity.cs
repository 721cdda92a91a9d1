using System.Text.Json;
using System.Text.Json.Serialization;

namespace EthicsBot.Teams.Protocol;

/// <summary>
/// A Bot Framework activity: the fields Teams sends and the bot sends back. Fields the bot does not model are kept
/// in <see cref="Extra"/>, so nothing a channel sends is silently dropped when an activity is echoed or stored.
/// </summary>
public sealed class Activity
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    public DateTimeOffset? LocalTimestamp { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public string? TextFormat { get; set; }
    public string? Text { get; set; }
    public string? Summary { get; set; }
    public string? InputHint { get; set; }
    public string? AttachmentLayout { get; set; }
    public IList<Attachment>? Attachments { get; set; }
    public IList<Entity>? Entities { get; set; }
    public JsonElement? Value { get; set; }
    public string? Name { get; set; }
    public JsonElement? ChannelData { get; set; }
    public string? ReplyToId { get; set; }
    public string? Locale { get; set; }
    public IList<ChannelAccount>? MembersAdded { get; set; }
    public IList<ChannelAccount>? MembersRemoved { get; set; }
    public string? Action { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>The Teams tenant the activity comes from: <c>conversation.tenantId</c>, else <c>channelData.tenant.id</c>.</summary>
    [JsonIgnore]
    public string? TenantId
    {
        get
        {
            if (!string.IsNullOrEmpty(Conversation?.TenantId))
                return Conversation.TenantId;
            if (ChannelData is { ValueKind: JsonValueKind.Object } data
                && data.TryGetProperty("tenant", out var tenant) && tenant.ValueKind == JsonValueKind.Object
                && tenant.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                return id.GetString();
            return null;
        }
    }

    /// <summary>Where this activity came from, enough to reply to it later (proactively) in the same conversation.</summary>
    public ConversationReference GetConversationReference() => new()
    {
        ActivityId = Id,
        User = From,
        Bot = Recipient,
        Conversation = Conversation,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Locale = Locale,
    };

    /// <summary>A new message activity addressed back into this activity's conversation.</summary>
    public Activity CreateReply(string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        Timestamp = DateTimeOffset.UtcNow,
        From = Recipient is null ? null : new ChannelAccount { Id = Recipient.Id, Name = Recipient.Name },
        Recipient = From is null ? null : new ChannelAccount { Id = From.Id, Name = From.Name, AadObjectId = From.AadObjectId },
        Conversation = Conversation,
        ServiceUrl = ServiceUrl,
        ChannelId = ChannelId,
        ReplyToId = Id,
        Locale = Locale,
        Text = text,
        TextFormat = text is null ? null : "plain",
    };
}

/// <summary>The activity types the bot knows about.</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string Invoke = "invoke";
    public const string Typing = "typing";
    public const string MessageReaction = "messageReaction";
    public const string InstallationUpdate = "installationUpdate";
    public const string Event = "event";
}

/// <summary>A user or bot in a conversation.</summary>
public sealed class ChannelAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    /// <summary>The Entra ID object id of the user (Teams only).</summary>
    public string? AadObjectId { get; set; }
    public string? Role { get; set; }

    /// <summary>The Entra object id when the channel gives one (it is the same in every conversation), else the channel id.</summary>
    [JsonIgnore]
    public string? StableId => string.IsNullOrEmpty(AadObjectId) ? Id : AadObjectId;

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A conversation: a 1:1 chat, a group chat or a channel thread.</summary>
public sealed class ConversationAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    /// <summary><c>personal</c>, <c>groupChat</c> or <c>channel</c> in Teams.</summary>
    public string? ConversationType { get; set; }
    public string? TenantId { get; set; }
    public bool? IsGroup { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>An attachment; for cards, <see cref="Content"/> holds the card JSON.</summary>
public sealed class Attachment
{
    public string? ContentType { get; set; }
    public string? ContentUrl { get; set; }
    public JsonElement? Content { get; set; }
    public string? Name { get; set; }

    /// <summary>Wraps an Adaptive Card's JSON.</summary>
    public static Attachment AdaptiveCard(JsonElement card) => new() { ContentType = AdaptiveCardContentType, Content = card };

    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";
}

/// <summary>An entity (mention, clientInfo, message metadata…); its fields beyond the type are kept as they came.</summary>
public sealed class Entity
{
    public string? Type { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>Where a conversation is, so the bot can write into it later.</summary>
public sealed record ConversationReference
{
    public string? ActivityId { get; init; }
    public ChannelAccount? User { get; init; }
    public ChannelAccount? Bot { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public string? ChannelId { get; init; }
    public string? ServiceUrl { get; init; }
    public string? Locale { get; init; }

    /// <summary>
    /// This reference without the people's names: the user's and the conversation's ids, the conversation's kind and
    /// tenant, and where to send — what writing back into it needs, and no more of the person than that.
    /// </summary>
    public ConversationReference WithoutNames() => this with
    {
        User = User is null ? null : new ChannelAccount { Id = User.Id, AadObjectId = User.AadObjectId },
        Conversation = Conversation is null ? null : new ConversationAccount { Id = Conversation.Id, ConversationType = Conversation.ConversationType, TenantId = Conversation.TenantId },
    };
}

/// <summary>What the connector answers to a send: the new activity's id.</summary>
public sealed class ResourceResponse
{
    public string? Id { get; set; }
}

/// <summary>The HTTP response to an invoke activity: a status code and a body.</summary>
public sealed record InvokeResponse(int Status, object? Body);

/// <summary>
/// JSON settings of the protocol: camelCase names, nulls left out, and text other than ASCII written as UTF-8 rather
/// than \u escapes (a message in Arabic or emoji would otherwise be three to six times larger on the wire). The bodies
/// are JSON for the connector, never embedded in HTML, so the relaxed encoder is safe here.
/// </summary>
public static class ProtocolJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = 64,
    };
}
