using System.Text.Json;
using System.Text.RegularExpressions;
using EthicsBot.Answers;
using EthicsBot.Cards;
using EthicsBot.Disclosures;
using EthicsBot.Knowledge;
using EthicsBot.Organizations;
using EthicsBot.Review;
using EthicsBot.Storage;
using EthicsBot.Teams.Protocol;

namespace EthicsBot.Conversation;

/// <summary>
/// The ethics assistant in Teams: answers questions with cited clauses, hands reports off to the whistleblower
/// channel, welcomes new users, and takes the card actions (feedback, "ask the ethics office", disclosures); passes
/// disclosure commands to <see cref="DisclosureTurns"/> and the ethics office's to <see cref="OfficeTurns"/>.
/// A message that sounds like a report is never stored, logged or echoed: only the handoff card goes out.
/// </summary>
public sealed partial class EthicsTeamsBot(Assistant assistant, OrganizationDirectory organizations, IOfficeStore store,
    ClauseCatalog clauses, DisclosureTurns disclosures, OfficeTurns office, FormCatalog forms, TimeProvider time, ILogger<EthicsTeamsBot> logger,
    AnswerEventWriter answerEvents) : IBot
{
    public async Task<InvokeResponse?> OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var activity = turn.Activity;
        var organization = organizations.ForTenant(activity.TenantId);
        switch (activity.Type)
        {
            case ActivityTypes.Message:
                await OnMessageAsync(turn, organization, cancellationToken).ConfigureAwait(false);
                return null;
            case ActivityTypes.ConversationUpdate:
                await OnMembersAddedAsync(turn, organization, cancellationToken).ConfigureAwait(false);
                return null;
            case ActivityTypes.Invoke when activity.Name == AdaptiveCardInvoke.ActionName:
                return await OnCardActionAsync(turn, organization, cancellationToken).ConfigureAwait(false);
            case ActivityTypes.Invoke:
                return new InvokeResponse(200, new { }); // other invokes (e.g. Teams' own probes) need no work
            default:
                return null; // typing, reactions, installation updates: nothing to do
        }
    }

    private async Task OnMessageAsync(TurnContext turn, OrganizationProfile organization, CancellationToken cancellationToken)
    {
        var text = MessageText(turn.Activity);
        if (string.IsNullOrWhiteSpace(text))
        {
            await turn.SendAsync(turn.Activity.CreateReply("Ask me a question about the Code of Conduct in a sentence, or type \"help\"."), cancellationToken).ConfigureAwait(false);
            return;
        }

        // The report check comes before anything else; a report goes no further than this: only the handoff card
        // is sent, and nothing of the message is stored or logged.
        var verdict = await assistant.Screen.ScreenAsync(text, cancellationToken).ConfigureAwait(false);
        if (verdict.Action == Safety.ReportAction.Handoff)
        {
            Telemetry.BotTelemetry.HandedOff(organization.Id);
            var protection = clauses.Find(organization.Whistleblower.ProtectionClause)?.Title ?? "protection of reporters";
            await SendCardAsync(turn, BotCards.Handoff(organization, protection), "How to report misconduct", cancellationToken).ConfigureAwait(false);
            return;
        }

        // The ethics office's commands: "review", "faq", "insights", "erase …" (members only).
        if (await office.TryHandleMessageAsync(turn, text, organization, cancellationToken).ConfigureAwait(false))
            return;

        // "declare a gift", "my disclosures", "continue my disclosure", "cancel", "back".
        if (await disclosures.TryHandleMessageAsync(turn, text, organization, cancellationToken).ConfigureAwait(false))
            return;

        var answer = assistant.Classify(text, organization, verdict);
        if (answer is null)
        {
            // Alongside the search, never holding the turn; the connector client puts it on the wire before the answer.
            turn.StartTyping(cancellationToken);
            answer = await assistant.AnswerQuestionAsync(text, organization, verdict, cancellationToken).ConfigureAwait(false);
        }
        Telemetry.BotTelemetry.Answered(organization.Id, answer.Kind);
        switch (answer.Kind)
        {
            case Answer.SmallTalkKind:
                await turn.SendAsync(turn.Activity.CreateReply(answer.Text), cancellationToken).ConfigureAwait(false);
                return;
            default:
                if (!answer.ReportBanner)
                    LogAnswered(logger, organization.Id, answer.Kind, string.Join(",", answer.Clauses.Select(c => c.Id)));
                if (answer.Disclosure is { } disclosure && forms.Find(organization.Id, disclosure) is null)
                    answer = answer with { Disclosure = null }; // no such form for this organisation: no button
                var answerId = NewAnswerId();
                // For the insights: what the answer was about, never the question; nothing at all of a message that may
                // be a report (the banner's middle band). Written behind the reply, in batches.
                if (!answer.ReportBanner)
                    answerEvents.Record(new AnswerEvent(answerId, organization.Id, time.GetUtcNow(), answer.Kind,
                        answer.Clauses.Count > 0 ? answer.Clauses[0].Id : null, answer.Faq is not null));
                var card = BotCards.Answer(answer, answerId, text, organization);
                await SendCardAsync(turn, card, answer.Kind == Answer.AnswerKind ? "Answer from the Code" : "Not clearly covered by the Code", cancellationToken,
                    aiGenerated: answer.Grounded is not null).ConfigureAwait(false);
                return;
        }
    }

    private static async Task SendCardAsync(TurnContext turn, System.Text.Json.Nodes.JsonObject card, string summary, CancellationToken cancellationToken, bool aiGenerated = false)
    {
        var reply = turn.Activity.CreateReply();
        reply.Attachments = [Attachment.AdaptiveCard(CardBuilder.ToElement(card))];
        reply.Summary = summary;
        if (aiGenerated)
            reply.Entities = [AiGeneratedLabel()];
        // Teams refuses a message over its size limit; the user then hears something rather than nothing.
        if (JsonSerializer.SerializeToUtf8Bytes(reply, ProtocolJson.Options).Length > Teams.Connector.ConnectorClient.MaxMessageBytes)
            reply = turn.Activity.CreateReply($"{summary}: my reply was too large for Teams to show. Please ask again in a shorter message.");
        await turn.SendAsync(reply, cancellationToken).ConfigureAwait(false);
    }

    private async Task OnMembersAddedAsync(TurnContext turn, OrganizationProfile organization, CancellationToken cancellationToken)
    {
        var botId = turn.Activity.Recipient?.Id;
        if (turn.Activity.MembersAdded is not { Count: > 0 } added || !added.Any(m => m.Id == botId))
            return;
        // Where the bot was added, for the administrator who points an ethics office at a team channel or group chat.
        if (turn.Activity.Conversation?.ConversationType is "channel" or "groupChat")
            LogAddedToConversation(logger, turn.Activity.Conversation.ConversationType, turn.Activity.Conversation.Id ?? "", turn.Activity.ServiceUrl ?? "", organization.Id);
        await SendCardAsync(turn, BotCards.Welcome(organization), "Welcome to EthicsBot", cancellationToken).ConfigureAwait(false);
    }

    private async Task<InvokeResponse> OnCardActionAsync(TurnContext turn, OrganizationProfile organization, CancellationToken cancellationToken)
    {
        if (turn.Activity.Value is not { ValueKind: JsonValueKind.Object } value
            || !value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object
            || !action.TryGetProperty("verb", out var verbElement) || verbElement.ValueKind != JsonValueKind.String)
            return AdaptiveCardInvoke.Error(400, "BadRequest", "The card action has no verb.");
        var data = action.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;

        switch (verbElement.GetString())
        {
            case BotCards.Verbs.Feedback:
                if (CardData.String(data, "answerId") is not { } answerId || !data.TryGetProperty("helpful", out var helpful) || helpful.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    return AdaptiveCardInvoke.Error(400, "BadRequest", "Feedback needs the answer id and a yes or no.");
                await store.RecordFeedbackAsync(new AnswerFeedback(answerId, organization.Id, ClauseIds(data), helpful.GetBoolean(), time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                if (helpful.GetBoolean())
                    return AdaptiveCardInvoke.Message("Thanks for your feedback.");
                // 👎: the question goes to the ethics office only if the asker agrees, with the button below.
                if (CardData.String(data, "question") is { } unhelpful && unhelpful.Length <= Knowledge.Search.ClauseQuery.MaxTextLength
                    && !(await assistant.Screen.ScreenAsync(unhelpful, cancellationToken).ConfigureAwait(false)).TreatAsReport)
                    await SendCardAsync(turn, BotCards.OfferToShare(answerId, unhelpful, ClauseIds(data), organization), "Share your question with the ethics office?", cancellationToken).ConfigureAwait(false);
                return AdaptiveCardInvoke.Message("Thanks for telling me.");

            case BotCards.Verbs.AskEthicsOffice:
                if (CardData.String(data, "answerId") is not { } id || CardData.String(data, "question") is not { } question)
                    return AdaptiveCardInvoke.Error(400, "BadRequest", "The question to pass on is missing.");
                if (question.Length > Knowledge.Search.ClauseQuery.MaxTextLength)
                    return AdaptiveCardInvoke.Error(400, "BadRequest", $"The question is longer than {Knowledge.Search.ClauseQuery.MaxTextLength} characters.");
                // The question came back from our own card; it is checked once more so a report never reaches the queue.
                if ((await assistant.Screen.ScreenAsync(question, cancellationToken).ConfigureAwait(false)).TreatAsReport)
                    return AdaptiveCardInvoke.Message(Assistant.HandoffText(organization));
                var queued = await store.QueueAsync(new ReviewItem
                {
                    Id = id,
                    Organization = organization.Id,
                    Question = question,
                    Clauses = ClauseIds(data),
                    Source = CardData.String(data, "source") == ReviewSource.Unhelpful ? ReviewSource.Unhelpful : ReviewSource.Asked,
                    Asker = ReviewItem.Minimal(turn.Activity.GetConversationReference()),
                    At = time.GetUtcNow(),
                }, cancellationToken).ConfigureAwait(false);
                var officeName = organization.EthicsOffice.Name;
                return AdaptiveCardInvoke.Message(queued
                    ? $"Your question was sent to the {officeName}. Their answer will come to this chat."
                    : $"Your question is already with the {officeName}.");

            case BotCards.Verbs.StartDisclosure:
                return await disclosures.StartFromAnswerAsync(turn, data, organization, cancellationToken).ConfigureAwait(false);
            case DisclosureCards.Verbs.Dialog:
                return await disclosures.ActAsync(turn, data, cancellationToken).ConfigureAwait(false);
            case DisclosureCards.Verbs.MyDisclosures:
                return await disclosures.ListAsync(turn, organization, cancellationToken).ConfigureAwait(false);
            case DisclosureCards.Verbs.Decide:
                return await disclosures.DecideAsync(turn, data, cancellationToken).ConfigureAwait(false);
            case DisclosureCards.Verbs.Refresh:
                return await disclosures.RefreshAsync(turn, data, cancellationToken).ConfigureAwait(false);

            case ReviewCards.Verbs.Page or ReviewCards.Verbs.Answer or ReviewCards.Verbs.Dismiss or ReviewCards.Verbs.Assign
                or ReviewCards.Verbs.Publish or ReviewCards.Verbs.Edit or ReviewCards.Verbs.Withdraw or ReviewCards.Verbs.Erase:
                return await office.ActAsync(turn, verbElement.GetString()!, data, cancellationToken).ConfigureAwait(false);

            default:
                return AdaptiveCardInvoke.Error(400, "BadRequest", $"Unknown card action '{verbElement.GetString()}'.");
        }
    }

    /// <summary>
    /// The message text with @mentions of the bot removed (group chats and channels), and without the "ask" of the
    /// app's command menu ("ask Can I accept a gift?").
    /// </summary>
    public static string? MessageText(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var text = activity.Text;
        if (string.IsNullOrEmpty(text))
            return text;
        text = MentionTag().Replace(text, " ");
        text = HtmlTag().Replace(text, " ");
        text = System.Net.WebUtility.HtmlDecode(text).Trim();
        return AskCommand().Replace(text, "");
    }

    [GeneratedRegex(@"^ask\s+(?=\S)", RegexOptions.IgnoreCase)]
    private static partial Regex AskCommand();

    private static string NewAnswerId() => Guid.NewGuid().ToString("N");

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

    private static string[] ClauseIds(JsonElement data) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty("clauses", out var c) && c.ValueKind == JsonValueKind.Array
            ? c.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).Take(10).ToArray()
            : [];

    [GeneratedRegex(@"<at>[^<]*</at>", RegexOptions.IgnoreCase)]
    private static partial Regex MentionTag();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex HtmlTag();

    // Warning: an administrator has something to do, and the line names a conversation (no conversation id at Information).
    [LoggerMessage(Level = LogLevel.Warning, Message = "Added to a {Type} conversation: to post {Organization}'s disclosures there, set Organizations:{Organization}:EthicsOffice:ConversationId={ConversationId} and ServiceUrl={ServiceUrl}.")]
    private static partial void LogAddedToConversation(ILogger logger, string type, string conversationId, string serviceUrl, string organization);

    // Only the organisation, the kind and the clause ids: never the question, which may identify the asker.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Answered for {Organization}: {Kind} citing {Clauses}")]
    private static partial void LogAnswered(ILogger logger, string organization, string kind, string clauses);
}
