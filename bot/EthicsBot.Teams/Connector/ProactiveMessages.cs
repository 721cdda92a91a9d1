using EthicsBot.Teams.Protocol;

namespace EthicsBot.Teams.Connector;

/// <summary>Sending into a conversation the bot was in before (proactive messages).</summary>
public static class ProactiveMessages
{
    /// <summary>
    /// Sends <paramref name="activity"/> into the conversation of <paramref name="reference"/>, addressed from the bot to
    /// the user as the reference records them. False when the reference lacks a serviceUrl or a conversation.
    /// </summary>
    public static async Task<bool> SendToAsync(this IConnectorClient connector, ConversationReference reference, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(activity);
        if (string.IsNullOrEmpty(reference.ServiceUrl) || reference.Conversation?.Id is not { Length: > 0 } conversationId)
            return false;
        activity.Type ??= ActivityTypes.Message;
        activity.From ??= reference.Bot;
        activity.Recipient ??= reference.User;
        activity.Conversation ??= reference.Conversation;
        activity.ChannelId ??= reference.ChannelId;
        await connector.SendToConversationAsync(reference.ServiceUrl, conversationId, activity, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
