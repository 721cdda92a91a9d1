using System.Text.RegularExpressions;
using EthicsBot.Shared.Cards;
using EthicsBot.Shared.Chat;
using EthicsBot.Shared.Localization;
using EthicsBot.Shared.Organizations;
using EthicsBot.Teams.Protocol;

namespace EthicsBot.Features.Campaigns;

/// <summary>
/// Campaigns in the chat: the card's buttons ("I have read and understood the Code", "I have a question"), "my
/// acknowledgements", and meeting people (their personal chat is kept, and the members of teams the bot is in, so
/// campaigns can reach them). A button's
/// campaign id comes from the card; whose acknowledgement it is comes from the sender, and only a person the campaign
/// was sent to can acknowledge through it.
/// </summary>
public sealed partial class CampaignTurns(ICampaignStore store, StaffDirectory directory, TeamRosters rosters, TimeProvider time, ILogger<CampaignTurns> logger)
    : ICardActions, IChatCommands
{
    public void Register(CardActionRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.On<CampaignActionData>(CampaignCards.Verbs.Acknowledge, AcknowledgeAsync);
        router.On<CampaignActionData>(CampaignCards.Verbs.Question, (action, _) =>
            Task.FromResult(AdaptiveCardInvoke.Message(CardLanguages.Default.For(action.Turn.Activity.Locale)["CampaignAskHere"])));
    }

    public async Task<bool> TryHandleMessageAsync(TurnContext turn, string text, OrganizationProfile organization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        await RememberAsync(turn, organization, installed: false, cancellationToken).ConfigureAwait(false);
        if (!MyAcknowledgements().IsMatch(text ?? ""))
            return false;
        var user = turn.Activity.From?.AadObjectId;
        var mine = Guid.TryParse(user, out var id) ? await store.AcknowledgementsAsync(organization.Id, id.ToString("D"), cancellationToken).ConfigureAwait(false) : [];
        await CardReplies.SendCardAsync(turn, CampaignCards.Mine(mine, turn.Activity.Locale), "Your acknowledgements", cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The app installed for a person (their chat is kept), or the bot or people added to a team (its members are recorded).</summary>
    public async Task OnMembersAddedAsync(TurnContext turn, OrganizationProfile organization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (!rosters.OnMembersAdded(turn.Activity, organization) && turn.Activity.MembersAdded?.Any(m => m.Id == turn.Activity.Recipient?.Id) == true)
            await RememberAsync(turn, organization, installed: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Keeping a person's chat for campaigns never stands between them and their answer: a failing store is logged.</summary>
    private async Task RememberAsync(TurnContext turn, OrganizationProfile organization, bool installed, CancellationToken cancellationToken)
    {
        try
        {
            await directory.RememberAsync(turn.Activity, organization, installed, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRememberFailed(logger, organization.Id, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaigns: a person's chat in {Organization} could not be kept; campaigns reach them at their next message")]
    private static partial void LogRememberFailed(ILogger logger, string organization, Exception error);

    private async Task<InvokeResponse> AcknowledgeAsync(CardAction<CampaignActionData> action, CancellationToken cancellationToken)
    {
        var (activity, organization) = (action.Turn.Activity, action.Organization);
        if (action.Data.Campaign is not { Length: > 0 and <= 64 } campaignId)
            return AdaptiveCardInvoke.Error(400, "BadRequest", "The acknowledgement does not say which campaign it is for.");
        if (!Guid.TryParse(activity.From?.AadObjectId, out var objectId))
            return AdaptiveCardInvoke.Error(400, "BadRequest", "Teams did not say who you are, so the acknowledgement cannot be recorded. Please try again in Teams.");
        var userId = objectId.ToString("D");
        var campaign = await store.GetAsync(organization.Id, campaignId, cancellationToken).ConfigureAwait(false);
        // The campaign must be this organisation's and must have been sent to this very person.
        var delivery = campaign is null ? null : await store.GetDeliveryAsync(campaign.Id, userId, cancellationToken).ConfigureAwait(false);
        if (campaign is null || delivery is null)
            return AdaptiveCardInvoke.Error(403, "Forbidden", "This acknowledgement request was not sent to you.");
        var acknowledgement = await store.AcknowledgeAsync(new Acknowledgement
        {
            Organization = organization.Id,
            UserId = userId,
            Name = activity.From?.Name ?? delivery.Name,
            CodeVersion = campaign.CodeVersion,
            CampaignId = campaign.Id,
            At = time.GetUtcNow(),
        }, cancellationToken).ConfigureAwait(false);
        return AdaptiveCardInvoke.Card(CampaignCards.Acknowledged(campaign, acknowledgement, activity.Locale).ToJson());
    }

    [GeneratedRegex(@"^\s*(my\s+acknowledge?ments?|mes\s+confirmations|mis\s+confirmaciones|as\s+minhas\s+confirma[çc][õo]es|minhas\s+confirma[çc][õo]es|تأكيداتي)\s*[.!?]?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex MyAcknowledgements();
}
