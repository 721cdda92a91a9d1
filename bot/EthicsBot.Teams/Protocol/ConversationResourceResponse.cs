namespace EthicsBot.Teams.Protocol;

/// <summary>What the connector answers when it opened (or found) a conversation: its id, and where to send to it.</summary>
public sealed class ConversationResourceResponse
{
    public string? Id { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ActivityId { get; set; }
}
