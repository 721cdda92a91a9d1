using System.Globalization;
using System.Text.RegularExpressions;
using EthicsBot.Features.Answers;
using EthicsBot.Shared.Cards;
using EthicsBot.Shared.Chat;
using EthicsBot.Shared.Organizations;
using EthicsBot.Teams.Protocol;

namespace EthicsBot.Features.Office;

/// <summary>
/// The ethics office in Teams: "review", "faq", "insights", "insights csv", "erase &lt;user id&gt;" and the buttons on
/// their cards. Every command and every card action is checked on the server: the person acting must be a member of
/// that organisation's ethics office, whatever card or command they send; anyone else is refused and the refusal logged.
/// </summary>
public sealed partial class OfficeTurns(ReviewDesk desk, FaqEditor faq, DataErasure erasure, Insights insights, IOfficeStore store, OrganizationDirectory organizations, ILogger<OfficeTurns> logger) : ICardActions, IChatCommands
{
    public void Register(CardActionRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.On<ReviewPageData>(ReviewCards.Verbs.Page, (a, ct) => AsMemberAsync(a, (organization, _) => NextPageAsync(a.Turn, organization, a.Data, ct)));
        router.On<EraseData>(ReviewCards.Verbs.Erase, (a, ct) => AsMemberAsync(a, (organization, member) => EraseAsync(a.Data, organization, member, ct)));
        router.On<ReviewItemData>(ReviewCards.Verbs.Answer, (a, ct) => OnItemAsync(a, (organization, member, id) => desk.AnswerAsync(organization, id, member, a.Data.Answer, a.Data.Clauses, ct)));
        router.On<ReviewItemData>(ReviewCards.Verbs.Dismiss, (a, ct) => OnItemAsync(a, (organization, member, id) => desk.DismissAsync(organization, id, member, ct)));
        router.On<ReviewItemData>(ReviewCards.Verbs.Assign, (a, ct) => OnItemAsync(a, (organization, _, id) => desk.AssignAsync(organization, id, a.Data.Assignee, ct)));
        router.On<ReviewItemData>(ReviewCards.Verbs.Publish, (a, ct) => OnFaqAsync(a, a.Data.Id, "Published: the bot now answers this question with it.",
            (organization, member, id) => faq.PublishAsAsync(organization, id, member, a.Data.Question, a.Data.Answer, a.Data.Clauses, ct)));
        router.On<FaqEntryData>(ReviewCards.Verbs.Edit, (a, ct) => OnFaqAsync(a, a.Data.Id, "Saved: the bot answers with the new text now.",
            (organization, member, id) => faq.EditAsync(organization, id, member, a.Data.Question, a.Data.Answer, a.Data.Clauses, ct)));
        router.On<FaqEntryData>(ReviewCards.Verbs.Withdraw, (a, ct) => OnFaqAsync(a, a.Data.Id, "Withdrawn: the bot no longer uses it.",
            (organization, member, id) => faq.WithdrawAsync(organization, id, member, ct)));
    }

    /// <summary>Handles an office command; false when the message is not one.</summary>
    public async Task<bool> TryHandleMessageAsync(TurnContext turn, string text, OrganizationProfile organization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(text);
        var command = text.Trim().ToLowerInvariant().TrimEnd('.', '!');
        var erase = EraseCommand().Match(text.Trim());
        if (command is not ("review" or "review queue" or "faq" or "insights" or "insights csv") && !erase.Success)
            return false;
        if (!Allowed(turn.Activity, organization, command.Split(' ')[0], erasing: erase.Success))
        {
            await turn.SendAsync(turn.Activity.CreateReply(Refusal(organization)), cancellationToken).ConfigureAwait(false);
            return true;
        }
        switch (command)
        {
            case "review" or "review queue":
                await SendPageAsync(turn, organization, 0, cancellationToken).ConfigureAwait(false);
                break;
            case "faq":
                var entries = await store.FaqAsync(organization.Id, cancellationToken).ConfigureAwait(false);
                if (entries.Count == 0)
                    await turn.SendAsync(turn.Activity.CreateReply("There are no FAQ entries yet. Answer a question in \"review\", then use \"Publish as FAQ\"."), cancellationToken).ConfigureAwait(false);
                else
                    await CardReplies.SendCardsAsync(turn, [.. entries.Take(20).Select(e => ReviewCards.Faq(e))], "FAQ entries", cancellationToken).ConfigureAwait(false);
                break;
            case "insights":
                await CardReplies.SendCardsAsync(turn, [ReviewCards.Insights(await insights.BuildAsync(organization, cancellationToken).ConfigureAwait(false), organization)], "Insights", cancellationToken).ConfigureAwait(false);
                break;
            case "insights csv":
                var csv = Insights.ToCsv(await insights.BuildAsync(organization, cancellationToken).ConfigureAwait(false));
                var reply = turn.Activity.CreateReply($"Insights for {organization.Name} as CSV (copy it into a file):\n\n```\n{csv}```");
                reply.TextFormat = "markdown";
                await turn.SendAsync(reply, cancellationToken).ConfigureAwait(false);
                break;
            default:
                await CardReplies.SendCardsAsync(turn, [ReviewCards.ConfirmErase(erase.Groups["user"].Value, organization.Id, erasure.ReachOf(turn.Activity.From?.AadObjectId))], "Erase a person's data", cancellationToken).ConfigureAwait(false);
                break;
        }
        return true;
    }

    /// <summary>
    /// A button on an office card, checked on the server whatever the card says: the organisation it names, and the
    /// person acting a member of its ethics office (or, erasing, a data-protection officer); then <paramref name="act"/>.
    /// </summary>
    private async Task<InvokeResponse> AsMemberAsync<TData>(CardAction<TData> action, Func<OrganizationProfile, OfficeMember, Task<InvokeResponse>> act)
        where TData : IOfficeCardData
    {
        var activity = action.Turn.Activity;
        if (action.Data.Org is not { } org || organizations.Find(org) is not { } organization)
            return AdaptiveCardInvoke.Error(400, "BadRequest", "The card does not name an organisation.");
        if (!Allowed(activity, organization, action.Verb, erasing: action.Verb == ReviewCards.Verbs.Erase))
            return AdaptiveCardInvoke.Error(403, "Forbidden", Refusal(organization));
        var member = organization.EthicsOffice.Acting(activity.From!.AadObjectId!, activity.From.Name);
        return await act(organization, member).ConfigureAwait(false);
    }

    /// <summary>A button on a review item: the answer replaces the item's card (or says why not).</summary>
    private Task<InvokeResponse> OnItemAsync(CardAction<ReviewItemData> action, Func<OrganizationProfile, OfficeMember, string, Task<DeskResult<ReviewItem>>> act) =>
        AsMemberAsync(action, async (organization, member) => action.Data.Id is not { } id
            ? MissingId()
            : ItemResult(await act(organization, member, id).ConfigureAwait(false), organization));

    /// <summary>A button that publishes, edits or withdraws a FAQ entry: the entry's card, with <paramref name="done"/> on it.</summary>
    private Task<InvokeResponse> OnFaqAsync<TData>(CardAction<TData> action, string? id, string done, Func<OrganizationProfile, OfficeMember, string, Task<DeskResult<FaqEntry>>> act)
        where TData : IOfficeCardData =>
        AsMemberAsync(action, async (organization, member) => id is null
            ? MissingId()
            : FaqResult(await act(organization, member, id).ConfigureAwait(false), done));

    private async Task<InvokeResponse> NextPageAsync(TurnContext turn, OrganizationProfile organization, ReviewPageData data, CancellationToken cancellationToken)
    {
        var skip = int.TryParse(data.Skip, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? Math.Min(s, 100_000) : 0;
        await SendPageAsync(turn, organization, skip, cancellationToken).ConfigureAwait(false);
        return AdaptiveCardInvoke.Message("The next questions are below.");
    }

    private async Task<InvokeResponse> EraseAsync(EraseData data, OrganizationProfile organization, OfficeMember member, CancellationToken cancellationToken)
    {
        if (data.User is not { } user)
            return AdaptiveCardInvoke.Error(400, "BadRequest", "The card does not name the person.");
        // Where it reaches is decided here, from who is acting, not from the card.
        var report = await erasure.EraseAsync(user, member, organization.Id, cancellationToken).ConfigureAwait(false);
        return AdaptiveCardInvoke.Card(ReviewCards.Erased(report).ToJson());
    }

    private static InvokeResponse MissingId() => AdaptiveCardInvoke.Error(400, "BadRequest", "The card does not name the question or entry.");

    private static InvokeResponse ItemResult(DeskResult<ReviewItem> result, OrganizationProfile organization) => result switch
    {
        { Refusal: null, Value: { } item } => AdaptiveCardInvoke.Card(ReviewCards.Item(item, organization).ToJson()),
        { Value: { } current } => AdaptiveCardInvoke.Card(ReviewCards.Item(current, organization, note: result.Refusal).ToJson()),
        _ => AdaptiveCardInvoke.Error(400, "BadRequest", result.Refusal!),
    };

    private static InvokeResponse FaqResult(DeskResult<FaqEntry> result, string done) => result switch
    {
        { Refusal: null, Value: { } entry } => AdaptiveCardInvoke.Card(ReviewCards.Faq(entry, note: done).ToJson()),
        { Value: { } current } => AdaptiveCardInvoke.Card(ReviewCards.Faq(current, note: result.Refusal).ToJson()),
        _ => AdaptiveCardInvoke.Error(400, "BadRequest", result.Refusal!),
    };

    private async Task SendPageAsync(TurnContext turn, OrganizationProfile organization, int skip, CancellationToken cancellationToken)
    {
        var (items, open) = await desk.PageAsync(organization.Id, skip, cancellationToken).ConfigureAwait(false);
        var cards = items.Select(i => ReviewCards.Item(i, organization)).ToList();
        cards.Add(ReviewCards.PageFooter(organization.Id, items.Count == 0 ? 0 : skip + 1, skip + items.Count, open, desk.PageSize));
        await CardReplies.SendCardsAsync(turn, cards, $"{open} open question(s)", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Members of the organisation's ethics office; for erasing, data-protection officers too.</summary>
    private bool Allowed(Activity activity, OrganizationProfile organization, string what, bool erasing = false)
    {
        if (organization.EthicsOffice.IsMember(activity.From?.AadObjectId) || (erasing && erasure.IsDataProtectionOfficer(activity.From?.AadObjectId)))
            return true;
        LogRefused(logger, what, organization.Id, activity.From?.StableId ?? "unknown");
        return false;
    }

    private static string Refusal(OrganizationProfile organization) =>
        $"Only members of the {organization.EthicsOffice.Name} can review questions, manage the FAQ, see the insights or erase data.";

    [GeneratedRegex(@"^erase\s+(user\s+)?(?<user>[A-Za-z0-9:_@.\-]{3,200})$", RegexOptions.IgnoreCase)]
    private static partial Regex EraseCommand();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused ethics office action '{What}' for {Organization}: {Caller} is not a member of its ethics office.")]
    private static partial void LogRefused(ILogger logger, string what, string organization, string caller);
}
