using EthicsBot.Features.Safety;
using EthicsBot.Shared.Cards;
using EthicsBot.Shared.Chat;
using EthicsBot.Shared.Organizations;
using EthicsBot.Teams.Protocol;

namespace EthicsBot.Features.Disclosures;

/// <summary>
/// The disclosure side of the chat: chat commands and card buttons for the discloser (start, steps, submit,
/// "my disclosures"), and the ethics office's decisions on the card posted to its conversation. Only members of
/// the disclosure's organisation's ethics office may decide, or see a disclosure's contents on a refreshed card.
/// </summary>
public sealed partial class DisclosureTurns(DisclosureDialogs dialogs, IDisclosureStore store, DisclosureDecisions decisions,
    DisclosureUpkeep upkeep, OrganizationDirectory organizations, ReportScreen screen, ILogger<DisclosureTurns> logger) : ICardActions, IChatCommands
{
    public void Register(CardActionRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.On<StartDisclosureData>(DisclosureCards.Verbs.Start, (a, ct) => StartFromAnswerAsync(a.Turn, a.Data, a.Organization, ct));
        router.On<DisclosureStepData>(DisclosureCards.Verbs.Dialog, (a, ct) => ActAsync(a.Turn, a.Data, ct));
        router.On<MyDisclosuresData>(DisclosureCards.Verbs.MyDisclosures, (a, ct) => ListAsync(a.Turn, a.Organization, ct));
        router.On<DisclosureDecisionData>(DisclosureCards.Verbs.Decide, (a, ct) => DecideAsync(a.Turn, a.Data, ct));
        router.On<DisclosureKeyData>(DisclosureCards.Verbs.Refresh, (a, ct) => RefreshAsync(a.Turn, a.Data, ct));
    }

    /// <summary>Handles a chat message that is a disclosure command; false when it is not one.</summary>
    public async Task<bool> TryHandleMessageAsync(TurnContext turn, string text, OrganizationProfile organization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var (command, form) = DisclosureIntent.Match(text, dialogs.Forms.ForOrganization(organization.Id));
        if (command == DisclosureCommand.None)
            return false;
        if (!IsPrivateChat(turn.Activity))
        {
            await turn.SendAsync(turn.Activity.CreateReply(PrivateOnly), cancellationToken).ConfigureAwait(false);
            return true;
        }
        var discloser = DiscloserOf(turn.Activity);
        var reply = command switch
        {
            DisclosureCommand.Start => await dialogs.StartAsync(organization, form!.Id, discloser, null, cancellationToken, turn.Activity.Locale).ConfigureAwait(false),
            DisclosureCommand.Continue => await dialogs.ContinueAsync(discloser, cancellationToken).ConfigureAwait(false),
            DisclosureCommand.Cancel => await dialogs.CancelAsync(discloser, cancellationToken).ConfigureAwait(false),
            DisclosureCommand.Back => await dialogs.BackAsync(discloser, cancellationToken).ConfigureAwait(false),
            _ => await dialogs.ListAsync(organization, discloser, cancellationToken, turn.Activity.Locale).ConfigureAwait(false),
        };
        await SendAsync(turn, reply, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>"Declare a gift" under an answer: the form, pre-filled from the question, as a new message below.</summary>
    public async Task<InvokeResponse> StartFromAnswerAsync(TurnContext turn, StartDisclosureData data, OrganizationProfile organization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Type is not { } formId)
            return AdaptiveCardInvoke.Error(400, "BadRequest", "The disclosure button does not say which form to open.");
        if (!IsPrivateChat(turn.Activity))
            return AdaptiveCardInvoke.Message(PrivateOnly);
        // The question came back from our own card; a report never pre-fills a form (nor is stored in one).
        var question = await screen.MayPassOnAsync(data.Question, cancellationToken).ConfigureAwait(false) ? data.Question : null;
        // In the language of the answer it was under, else of Teams' locale; the data is our card's, and an unknown
        // language is English.
        var reply = await dialogs.StartAsync(organization, formId, DiscloserOf(turn.Activity), question, cancellationToken, data.Lang ?? turn.Activity.Locale).ConfigureAwait(false);
        if (reply.Card is null)
            return AdaptiveCardInvoke.Message(reply.Text!);
        await SendAsync(turn, reply, cancellationToken).ConfigureAwait(false);
        return AdaptiveCardInvoke.Message("The form is below.");
    }

    /// <summary>A button on a form card; the answer replaces that card.</summary>
    public async Task<InvokeResponse> ActAsync(TurnContext turn, DisclosureStepData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (!IsPrivateChat(turn.Activity))
            return AdaptiveCardInvoke.Message(PrivateOnly);
        var reply = await dialogs.ActAsync(DiscloserOf(turn.Activity), data, cancellationToken).ConfigureAwait(false);
        if (reply.Submitted is not null)
            upkeep.Wake(); // the ethics office gets its card now, not at the next round
        return reply.Card is not null ? AdaptiveCardInvoke.Card(reply.Card.ToJson()) : AdaptiveCardInvoke.Message(reply.Text!);
    }

    /// <summary>"My disclosures" button: the list as a new message.</summary>
    public async Task<InvokeResponse> ListAsync(TurnContext turn, OrganizationProfile organization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var reply = await dialogs.ListAsync(organization, DiscloserOf(turn.Activity), cancellationToken, turn.Activity.Locale).ConfigureAwait(false);
        await SendAsync(turn, reply, cancellationToken).ConfigureAwait(false);
        return AdaptiveCardInvoke.Message("Your disclosures are listed below.");
    }

    /// <summary>Acknowledge, approve or decline on the ethics office card; members of that organisation's office only.</summary>
    public async Task<InvokeResponse> DecideAsync(TurnContext turn, DisclosureDecisionData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Org is not { } org || data.Id is not { } id || data.Decision is not { } decision)
            return AdaptiveCardInvoke.Error(400, "BadRequest", "The decision needs the organisation, the disclosure and the decision.");
        if (!DisclosureStatus.IsDecision(decision))
            return AdaptiveCardInvoke.Error(400, "BadRequest", DisclosureStatus.NotADecision(decision));
        if (organizations.Find(org) is not { } organization)
            return AdaptiveCardInvoke.Error(404, "NotFound", $"There is no organisation '{org}'.");
        if (!IsMember(turn.Activity, organization))
        {
            LogRefused(logger, decision, id, organization.Id, turn.Activity.From?.StableId ?? "unknown");
            return AdaptiveCardInvoke.Error(403, "Forbidden", $"Only members of the {organization.EthicsOffice.Name} can decide on disclosures.");
        }
        var from = turn.Activity.From!;
        var outcome = await decisions.DecideAsync(organization, id, decision,
            new OfficeMember(from.AadObjectId!, from.Name ?? ""), data.Comment, cancellationToken).ConfigureAwait(false);
        return outcome switch
        {
            { Disclosure: null, Status: 404 } => AdaptiveCardInvoke.Error(404, "NotFound", outcome.Refusal!),
            { Disclosure: null } => AdaptiveCardInvoke.Error(400, "BadRequest", outcome.Refusal!),
            _ => AdaptiveCardInvoke.Card(DisclosureCards.Office(outcome.Disclosure, organization, forMember: true, note: outcome.Refusal).ToJson()),
        };
    }

    /// <summary>Teams asks for the office card as it now stands: members see it whole, anyone else only that it exists.</summary>
    public async Task<InvokeResponse> RefreshAsync(TurnContext turn, DisclosureKeyData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Org is not { } org || data.Id is not { } id || organizations.Find(org) is not { } organization)
            return AdaptiveCardInvoke.Error(400, "BadRequest", "The card does not name a disclosure.");
        if (!IsMember(turn.Activity, organization))
            return AdaptiveCardInvoke.Card(DisclosureCards.MembersOnly(organization).ToJson());
        var disclosure = await store.GetAsync(org, id, cancellationToken).ConfigureAwait(false);
        return disclosure is null
            ? AdaptiveCardInvoke.Error(404, "NotFound", "There is no such disclosure.")
            : AdaptiveCardInvoke.Card(DisclosureCards.Office(disclosure, organization, forMember: true).ToJson());
    }

    private const string PrivateOnly = "Disclosures are private: please make them in a one-to-one chat with me, not in a group chat or channel.";

    private static bool IsMember(Activity activity, OrganizationProfile organization) => organization.EthicsOffice.IsMember(activity.From?.AadObjectId);

    private static bool IsPrivateChat(Activity activity) =>
        activity.Conversation?.ConversationType is null or "personal";

    private static Discloser DiscloserOf(Activity activity)
    {
        var from = activity.From;
        var userId = from?.StableId ?? throw new InvalidOperationException("The activity has no sender.");
        return new Discloser(userId, string.IsNullOrWhiteSpace(from?.Name) ? "A staff member" : from.Name, activity.GetConversationReference());
    }

    /// <summary>A dialog's reply is a card or a line of text, never both (<see cref="DialogReply"/>).</summary>
    private static Task SendAsync(TurnContext turn, DialogReply reply, CancellationToken cancellationToken) =>
        reply.Card is { } card
            ? CardReplies.SendCardAsync(turn, card, "Disclosure", cancellationToken)
            : turn.SendAsync(turn.Activity.CreateReply(reply.Text), cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused '{Decision}' on disclosure {Id} of {Organization}: {Caller} is not a member of its ethics office.")]
    private static partial void LogRefused(ILogger logger, string decision, string id, string organization, string caller);

}
