using System.Text.Json;
using EthicsBot.Shared.Cards.Elements;
using EthicsBot.Teams.Connector;
using EthicsBot.Teams.Protocol;

namespace EthicsBot.Shared.Cards;

/// <summary>The one way a card goes out as a new message in reply to the turn's activity.</summary>
public static class CardReplies
{
    /// <summary>
    /// Sends <paramref name="cards"/> as one message (laid out as a list), with <paramref name="summary"/> as the
    /// notification text; an answer written by a model is labelled as AI generated. A message over Teams' size limit is
    /// replaced by a sentence saying so, so the user hears something rather than nothing.
    /// </summary>
    public static async Task SendCardsAsync(TurnContext turn, IReadOnlyList<AdaptiveCard> cards, string summary, CancellationToken cancellationToken, bool aiGenerated = false)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(cards);
        var reply = turn.Activity.CreateReply();
        reply.Attachments = [.. cards.Select(c => Attachment.AdaptiveCard(c.ToJson()))];
        reply.AttachmentLayout = "list";
        await SendAsync(turn, reply, summary, aiGenerated, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends one card as a new message (see <see cref="SendCardsAsync"/>).</summary>
    public static async Task SendCardAsync(TurnContext turn, AdaptiveCard card, string summary, CancellationToken cancellationToken, bool aiGenerated = false)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var reply = turn.Activity.CreateReply();
        reply.Attachments = [Attachment.AdaptiveCard(card.ToJson())];
        await SendAsync(turn, reply, summary, aiGenerated, cancellationToken).ConfigureAwait(false);
    }

    private static async Task SendAsync(TurnContext turn, Activity reply, string summary, bool aiGenerated, CancellationToken cancellationToken)
    {
        reply.Summary = summary;
        if (aiGenerated)
            reply.Entities = [AiGeneratedLabel()];
        if (JsonSerializer.SerializeToUtf8Bytes(reply, ProtocolJson.Options).Length > ConnectorClient.MaxMessageBytes)
            reply = turn.Activity.CreateReply($"{summary}: my reply was too large for Teams to show. Please ask again in a shorter message.");
        await turn.SendAsync(reply, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The schema.org Message entity with which Teams labels a bot message as AI generated.</summary>
    private static Entity AiGeneratedLabel() => new()
    {
        Type = "https://schema.org/Message",
        Properties = new Dictionary<string, JsonElement>
        {
            ["@type"] = JsonSerializer.SerializeToElement("Message"),
            ["@context"] = JsonSerializer.SerializeToElement("https://schema.org"),
            ["@id"] = JsonSerializer.SerializeToElement(""),
            ["additionalType"] = JsonSerializer.SerializeToElement(new[] { "AIGeneratedContent" }),
        },
    };
}
