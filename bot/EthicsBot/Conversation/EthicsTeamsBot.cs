using System.Text.RegularExpressions;
using EthicsBot.Features.Answers;
using EthicsBot.Features.Safety;
using EthicsBot.Shared.Cards;
using EthicsBot.Shared.Chat;
using EthicsBot.Shared.Localization;
using EthicsBot.Shared.Organizations;
using EthicsBot.Teams.Protocol;

namespace EthicsBot.Conversation;

/// <summary>
/// The ethics assistant in Teams: answers questions with cited clauses, hands reports off to the whistleblower
/// channel, welcomes new users, and takes the card actions (feedback, "ask the ethics office", disclosures); passes
/// typed commands to the features (<see cref="IChatCommands"/>: the ethics office, campaigns, disclosures).
/// A message that sounds like a report is never stored, logged or echoed: only the handoff card goes out.
/// </summary>
public sealed partial class EthicsTeamsBot(Assistant assistant, OrganizationDirectory organizations, IEnumerable<IChatCommands> commands,
    CardActionRouter actions, AnswerReplies replies, ILogger<EthicsTeamsBot> logger) : IBot
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
                return await actions.RouteAsync(turn, organization, cancellationToken).ConfigureAwait(false);
            case ActivityTypes.Invoke:
                return new InvokeResponse(200, new { }); // other invokes (e.g. Teams' own probes) need no work
            default:
                return null; // typing, reactions, installation updates: nothing to do
        }
    }

    private async Task OnMessageAsync(TurnContext turn, OrganizationProfile organization, CancellationToken cancellationToken)
    {
        var arrived = replies.Timestamp();
        var text = MessageText(turn.Activity);
        if (string.IsNullOrWhiteSpace(text))
        {
            // Nothing to read the language from (a picture, a sticker): Teams' locale says it.
            await turn.SendAsync(turn.Activity.CreateReply(CardLanguages.Default.For(turn.Activity.Locale)["EmptyMessage"]), cancellationToken).ConfigureAwait(false);
            return;
        }

        // The report check comes before anything else; a report goes no further than this: only the handoff card
        // is sent, and nothing of the message is stored or logged.
        var verdict = await assistant.Screen.ScreenAsync(text, cancellationToken).ConfigureAwait(false);
        if (verdict.Action == ReportAction.Handoff)
        {
            Telemetry.BotTelemetry.HandedOff(organization.Id);
            await replies.SendHandoffAsync(turn, organization, MessageLanguage.Of(text, verdict), cancellationToken).ConfigureAwait(false);
            return;
        }

        // The features' commands, in the order they were registered: the ethics office's ("review", "faq", "insights",
        // "erase …", members only), campaigns' ("my acknowledgements"; the person's chat is kept for campaigns),
        // disclosures' ("declare a gift", "my disclosures", "continue my disclosure", "cancel", "back").
        foreach (var feature in commands)
        {
            if (await feature.TryHandleMessageAsync(turn, text, organization, cancellationToken).ConfigureAwait(false))
                return;
        }

        // A question is searched (and perhaps given to a language model): "…is typing" only if that is slow.
        var answer = assistant.Classify(text, organization, verdict)
                     ?? await replies.AnswerWithTypingAsync(turn, arrived, ct => assistant.AnswerQuestionAsync(text, organization, verdict, ct), cancellationToken).ConfigureAwait(false);
        Telemetry.BotTelemetry.Answered(organization.Id, answer.Kind);
        await replies.SendAnswerAsync(turn, text, answer, organization, cancellationToken).ConfigureAwait(false);
    }

    private async Task OnMembersAddedAsync(TurnContext turn, OrganizationProfile organization, CancellationToken cancellationToken)
    {
        if (turn.Activity.MembersAdded is not { Count: > 0 } added)
            return;
        var botId = turn.Activity.Recipient?.Id;
        if (added.Any(m => m.Id == botId))
        {
            // Where the bot was added, for the administrator who points an ethics office at a team channel or group chat.
            if (turn.Activity.Conversation?.ConversationType is "channel" or "groupChat")
                LogAddedToConversation(logger, turn.Activity.Conversation.ConversationType, turn.Activity.Conversation.Id ?? "", turn.Activity.ServiceUrl ?? "", organization.Id);
            await CardReplies.SendCardAsync(turn, BotCards.Welcome(organization, turn.Activity.Locale), "Welcome to EthicsBot", cancellationToken).ConfigureAwait(false);
        }
        // The bot or people joining a team: campaigns record whom they can reach.
        foreach (var feature in commands)
            await feature.OnMembersAddedAsync(turn, organization, cancellationToken).ConfigureAwait(false);
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

    [GeneratedRegex(@"<at>[^<]*</at>", RegexOptions.IgnoreCase)]
    private static partial Regex MentionTag();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex HtmlTag();

    // Warning: an administrator has something to do, and the line names a conversation (no conversation id at Information).
    [LoggerMessage(Level = LogLevel.Warning, Message = "Added to a {Type} conversation: to post {Organization}'s disclosures there, set Organizations:{Organization}:EthicsOffice:ConversationId={ConversationId} and ServiceUrl={ServiceUrl}.")]
    private static partial void LogAddedToConversation(ILogger logger, string type, string conversationId, string serviceUrl, string organization);

}
