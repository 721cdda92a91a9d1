using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using EthicsBot.Features.Answers;
using EthicsBot.Shared.Cards;
using EthicsBot.Shared.Organizations;
using EthicsBot.Teams.Protocol;

namespace EthicsBot.Features.Office;

/// <summary>
/// The ethics office in Teams: "review", "faq", "insights", "insights csv", "erase &lt;user id&gt;" and the buttons on
/// their cards. Every command and every card action is checked on the server: the person acting must be a member of
/// that organisation's ethics office, whatever card or command they send; anyone else is refused and the refusal logged.
/// </summary>
public sealed partial class OfficeTurns(ReviewDesk desk, FaqEditor faq, DataErasure erasure, Insights insights, IOfficeStore store, OrganizationDirectory organizations, ILogger<OfficeTurns> logger) : ICardActions
{
    public void Register(CardActionRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        foreach (var verb in (string[])[ReviewCards.Verbs.Page, ReviewCards.Verbs.Answer, ReviewCards.Verbs.Dismiss, ReviewCards.Verbs.Assign,
                     ReviewCards.Verbs.Publish, ReviewCards.Verbs.Edit, ReviewCards.Verbs.Withdraw, ReviewCards.Verbs.Erase])
            router.Map(verb, (a, ct) => ActAsync(a.Turn, a.Verb, a.Data, ct));
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

    /// <summary>A button on an office card; the answer replaces that card (or says why not).</summary>
    public async Task<InvokeResponse> ActAsync(TurnContext turn, string verb, JsonElement data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (CardData.String(data, "org") is not { } org || organizations.Find(org) is not { } organization)
            return AdaptiveCardInvoke.Error(400, "BadRequest", "The card does not name an organisation.");
        if (!Allowed(turn.Activity, organization, verb, erasing: verb == ReviewCards.Verbs.Erase))
            return AdaptiveCardInvoke.Error(403, "Forbidden", Refusal(organization));
        var member = new OfficeMember(turn.Activity.From!.AadObjectId!, string.IsNullOrWhiteSpace(turn.Activity.From.Name) ? ReviewDesk.NameOf(organization, turn.Activity.From.AadObjectId!) : turn.Activity.From.Name);
        var id = CardData.String(data, "id");
        switch (verb)
        {
            case ReviewCards.Verbs.Page:
                var skip = int.TryParse(CardData.String(data, "skip"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? Math.Min(s, 100_000) : 0;
                await SendPageAsync(turn, organization, skip, cancellationToken).ConfigureAwait(false);
                return AdaptiveCardInvoke.Message("The next questions are below.");
            case ReviewCards.Verbs.Erase:
                if (CardData.String(data, "user") is not { } user)
                    return AdaptiveCardInvoke.Error(400, "BadRequest", "The card does not name the person.");
                // Where it reaches is decided here, from who is acting, not from the card.
                var report = await erasure.EraseAsync(user, member, organization.Id, cancellationToken).ConfigureAwait(false);
                return AdaptiveCardInvoke.Card(CardBuilder.ToElement(ReviewCards.Erased(report)));
        }
        if (id is null)
            return AdaptiveCardInvoke.Error(400, "BadRequest", "The card does not name the question or entry.");
        switch (verb)
        {
            case ReviewCards.Verbs.Answer:
                return ItemResult(await desk.AnswerAsync(organization, id, member, CardData.String(data, "answer"), CardData.String(data, "clauses"), cancellationToken).ConfigureAwait(false), organization);
            case ReviewCards.Verbs.Dismiss:
                return ItemResult(await desk.DismissAsync(organization, id, member, cancellationToken).ConfigureAwait(false), organization);
            case ReviewCards.Verbs.Assign:
                return ItemResult(await desk.AssignAsync(organization, id, CardData.String(data, "assignee"), cancellationToken).ConfigureAwait(false), organization);
            case ReviewCards.Verbs.Publish:
                return FaqResult(await faq.PublishAsync(organization, id, member, cancellationToken).ConfigureAwait(false), "Published: the bot now answers this question with it.");
            case ReviewCards.Verbs.Edit:
                return FaqResult(await faq.EditAsync(organization, id, member, CardData.String(data, "question"), CardData.String(data, "answer"), CardData.String(data, "clauses"), cancellationToken).ConfigureAwait(false), "Saved: the bot answers with the new text now.");
            case ReviewCards.Verbs.Withdraw:
                return FaqResult(await faq.WithdrawAsync(organization, id, member, cancellationToken).ConfigureAwait(false), "Withdrawn: the bot no longer uses it.");
            default:
                return AdaptiveCardInvoke.Error(400, "BadRequest", $"Unknown card action '{verb}'.");
        }
    }

    private static InvokeResponse ItemResult(DeskResult<ReviewItem> result, OrganizationProfile organization) => result switch
    {
        { Refusal: null, Value: { } item } => AdaptiveCardInvoke.Card(CardBuilder.ToElement(ReviewCards.Item(item, organization))),
        { Value: { } current } => AdaptiveCardInvoke.Card(CardBuilder.ToElement(ReviewCards.Item(current, organization, note: result.Refusal))),
        _ => AdaptiveCardInvoke.Error(400, "BadRequest", result.Refusal!),
    };

    private static InvokeResponse FaqResult(DeskResult<FaqEntry> result, string done) => result switch
    {
        { Refusal: null, Value: { } entry } => AdaptiveCardInvoke.Card(CardBuilder.ToElement(ReviewCards.Faq(entry, note: done))),
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
