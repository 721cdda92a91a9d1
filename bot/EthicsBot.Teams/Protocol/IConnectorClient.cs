namespace EthicsBot.Teams.Protocol;

/// <summary>The Bot Connector REST API (<c>{serviceUrl}/v3/conversations/…</c>): what the bot needs of it.</summary>
public interface IConnectorClient
{
    Task<ResourceResponse?> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken);
    Task<ResourceResponse?> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken);
    Task<ResourceResponse?> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken);
}
