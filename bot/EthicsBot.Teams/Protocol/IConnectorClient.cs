namespace EthicsBot.Teams.Protocol;

/// <summary>The Bot Connector REST API (<c>{serviceUrl}/v3/conversations/…</c>): what the bot needs of it.</summary>
public interface IConnectorClient
{
    Task<ResourceResponse?> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken);
    Task<ResourceResponse?> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken);
    Task<ResourceResponse?> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken);

    /// <summary>Opens a conversation (in Teams, the personal chat with a member of a team the bot is in) or finds the one that exists.</summary>
    Task<ConversationResourceResponse?> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken);

    /// <summary>One page of the members of a conversation or team; pass the continuation token of the previous page for the next.</summary>
    Task<PagedMembersResult?> GetPagedMembersAsync(string serviceUrl, string conversationId, string? continuationToken, CancellationToken cancellationToken);
}
