using EthicsBot.Shared.Cards;
using EthicsBot.Shared.Cards.Elements;
using EthicsBot.Shared.Organizations;
using EthicsBot.Teams.Connector;
using EthicsBot.Teams.Protocol;
using Microsoft.Extensions.Options;

namespace EthicsBot.Features.Disclosures;

/// <summary>
/// Puts disclosures in front of the ethics office and tells disclosers about decisions. Posting works as an outbox:
/// a stored disclosure is "not yet posted" until the office conversation has its card, and <see cref="DisclosureUpkeep"/>
/// retries until it has (after a connector failure, or a crash between storing and posting).
/// </summary>
public sealed partial class EthicsOfficeNotifier(IDisclosureStore store, OrganizationDirectory organizations, IConnectorClient connector, ILogger<EthicsOfficeNotifier> logger,
    IOptions<DisclosureSettings>? settings = null, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>This instance's name on the outbox's claims.</summary>
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Posts every disclosure not yet posted to an ethics office that has a conversation; returns how many were posted.</summary>
    public async Task<int> PostPendingAsync(CancellationToken cancellationToken)
    {
        var posted = 0;
        foreach (var organization in organizations.All.Where(o => HasConversation(o.EthicsOffice)))
            foreach (var disclosure in await store.UnnotifiedAsync(organization.Id, cancellationToken).ConfigureAwait(false))
            {
                // Every instance runs this outbox: the one that claims the disclosure posts it, the others leave it.
                cancellationToken.ThrowIfCancellationRequested();
                var now = _time.GetUtcNow();
                if (!await store.TryClaimPostAsync(disclosure.Organization, disclosure.Id, _owner, now, now + (settings?.Value.PostLease ?? DisclosureSettings.DefaultPostLease), cancellationToken).ConfigureAwait(false))
                    continue;
                // Once claimed, the post and its record are not cancelled (a stopping bot finishes them): a post whose
                // record was cut off would be posted again by another instance when the claim runs out.
                if (await PostAsync(disclosure, organization, CancellationToken.None).ConfigureAwait(false))
                    posted++;
            }
        return posted;
    }

    private async Task<bool> PostAsync(Disclosure disclosure, OrganizationProfile organization, CancellationToken cancellationToken)
    {
        var office = organization.EthicsOffice;
        try
        {
            var message = CardMessage(DisclosureCards.Office(disclosure, organization, forMember: true), $"New disclosure {disclosure.Reference}");
            var sent = await connector.SendToConversationAsync(office.ServiceUrl, office.ConversationId, message, cancellationToken).ConfigureAwait(false);
            await store.MarkNotifiedAsync(disclosure.Organization, disclosure.Id, sent?.Id ?? "", cancellationToken).ConfigureAwait(false);
            LogPosted(logger, disclosure.Reference, organization.Id);
            return true;
        }
        catch (ConnectorException e)
        {
            LogPostFailed(logger, disclosure.Reference, organization.Id, e.Message);
            return false;
        }
    }

    /// <summary>Replaces the office card with the disclosure as it now stands, for everyone in that conversation.</summary>
    public async Task UpdateOfficeCardAsync(Disclosure disclosure, OrganizationProfile organization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(disclosure);
        ArgumentNullException.ThrowIfNull(organization);
        var office = organization.EthicsOffice;
        if (string.IsNullOrEmpty(disclosure.OfficeActivityId) || !HasConversation(office))
            return;
        try
        {
            var message = CardMessage(DisclosureCards.Office(disclosure, organization, forMember: true), $"Disclosure {disclosure.Reference}: {disclosure.Status}");
            await connector.UpdateActivityAsync(office.ServiceUrl, office.ConversationId, disclosure.OfficeActivityId, message, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException e)
        {
            LogUpdateFailed(logger, disclosure.Reference, e.Message);
        }
    }

    /// <summary>Tells the discloser, in the chat they disclosed from, what the ethics office decided.</summary>
    public async Task TellDiscloserAsync(Disclosure disclosure, OrganizationProfile organization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(disclosure);
        ArgumentNullException.ThrowIfNull(organization);
        if (disclosure.Decisions.Count == 0)
            return;
        var decision = disclosure.Decisions[^1];
        var comment = decision.Comment.Length > 0 ? $" Their comment: “{TypedText.Escape(decision.Comment)}”" : "";
        var message = new Activity { Text = $"The {organization.EthicsOffice.Name} {decision.Status} your {disclosure.Noun} {disclosure.Reference}.{comment}" };
        try
        {
            await connector.SendToAsync(disclosure.Discloser.Conversation, message, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException e)
        {
            LogTellFailed(logger, disclosure.Reference, e.Message);
        }
    }

    private static bool HasConversation(EthicsOffice office) =>
        !string.IsNullOrWhiteSpace(office.ConversationId) && !string.IsNullOrWhiteSpace(office.ServiceUrl);

    private static Activity CardMessage(AdaptiveCard card, string summary) => new()
    {
        Type = ActivityTypes.Message,
        Summary = summary,
        Attachments = [Attachment.AdaptiveCard(card.ToJson())],
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Disclosure {Reference} posted to the ethics office of {Organization}.")]
    private static partial void LogPosted(ILogger logger, string reference, string organization);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Disclosure {Reference} could not be posted to the ethics office of {Organization} ({Problem}); it stays stored and is retried.")]
    private static partial void LogPostFailed(ILogger logger, string reference, string organization, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The ethics office card of disclosure {Reference} could not be updated: {Problem}.")]
    private static partial void LogUpdateFailed(ILogger logger, string reference, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The discloser of {Reference} could not be told of the decision: {Problem}. They see it under \"my disclosures\".")]
    private static partial void LogTellFailed(ILogger logger, string reference, string problem);
}
