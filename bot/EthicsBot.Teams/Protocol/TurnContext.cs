using System.Text.Json;

namespace EthicsBot.Teams.Protocol;

/// <summary>The bot's logic: called once per inbound activity. Return an invoke response for invokes, else null.</summary>
public interface IBot
{
    Task<InvokeResponse?> OnTurnAsync(TurnContext turn, CancellationToken cancellationToken);
}

/// <summary>One inbound activity and the means to answer in its conversation.</summary>
public sealed class TurnContext(Activity activity, IConnectorClient connector)
{
    public Activity Activity { get; } = activity;

    public IConnectorClient Connector { get; } = connector;

    /// <summary>Sends a message into the conversation the activity came from (as a reply to it when it has an id).</summary>
    public Task<ResourceResponse?> SendAsync(Activity reply, CancellationToken cancellationToken)
    {
        var (serviceUrl, conversationId) = Address();
        var addressed = Address(reply);
        return string.IsNullOrEmpty(addressed.ReplyToId)
            ? Connector.SendToConversationAsync(serviceUrl, conversationId, addressed, cancellationToken)
            : Connector.ReplyToActivityAsync(serviceUrl, conversationId, addressed.ReplyToId, addressed, cancellationToken);
    }

    /// <summary>Shows "…is typing" in the conversation while the bot works on an answer.</summary>
    public Task SendTypingAsync(CancellationToken cancellationToken)
    {
        var (serviceUrl, conversationId) = Address();
        var typing = Address(new Activity { Type = ActivityTypes.Typing });
        typing.ReplyToId = null;
        return Connector.SendToConversationAsync(serviceUrl, conversationId, typing, cancellationToken);
    }

    /// <summary>
    /// Sends the typing indicator alongside the work, never holding the turn: not awaited, and its failure ignored
    /// (a lost "…is typing" costs nothing). The connector client still puts it on the wire before the answer.
    /// </summary>
    public void StartTyping(CancellationToken cancellationToken)
    {
        Task typing;
        try
        {
            typing = SendTypingAsync(cancellationToken);
        }
        catch (Exception e) when (e is ConnectorException or InvalidOperationException)
        {
            return;
        }
        _ = typing.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private (string ServiceUrl, string ConversationId) Address() =>
        (Activity.ServiceUrl ?? throw new InvalidOperationException("The activity has no serviceUrl to answer to."),
         Activity.Conversation?.Id ?? throw new InvalidOperationException("The activity has no conversation to answer in."));

    private Activity Address(Activity outgoing)
    {
        var template = Activity.CreateReply();
        outgoing.Type ??= ActivityTypes.Message;
        outgoing.From ??= template.From;
        outgoing.Recipient ??= template.Recipient;
        outgoing.Conversation ??= template.Conversation;
        outgoing.ServiceUrl ??= template.ServiceUrl;
        outgoing.ChannelId ??= template.ChannelId;
        outgoing.Locale ??= template.Locale;
        outgoing.ReplyToId ??= template.ReplyToId;
        return outgoing;
    }
}

/// <summary>Invoke response bodies for Adaptive Card <c>Action.Execute</c> (<c>adaptiveCard/action</c>).</summary>
public static class AdaptiveCardInvoke
{
    public const string ActionName = "adaptiveCard/action";

    /// <summary>Replaces the card the user acted on with this one.</summary>
    public static InvokeResponse Card(JsonElement card) =>
        new(200, new { statusCode = 200, type = Attachment.AdaptiveCardContentType, value = card });

    /// <summary>Leaves the card as it is and shows a short message.</summary>
    public static InvokeResponse Message(string text) =>
        new(200, new { statusCode = 200, type = "application/vnd.microsoft.activity.message", value = text });

    /// <summary>Refuses the action, with a reason shown to the user.</summary>
    public static InvokeResponse Error(int statusCode, string code, string message) =>
        new(200, new { statusCode, type = "application/vnd.microsoft.error", value = new { code, message } });
}
