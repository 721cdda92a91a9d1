using EthicsBot.Shared.Organizations;

namespace EthicsBot.Features.Campaigns;

/// <summary>
/// What the ethics office does with campaigns (the desk calls this): create one, launch it (everyone of its audience who
/// has not acknowledged that Code version is queued, once), stop it; and the joiner's case: a person the bot meets for
/// the first time is queued for the open campaigns whose audience includes them.
/// </summary>
public sealed partial class CampaignOffice(ICampaignStore store, CampaignDispatcher dispatcher, TimeProvider time, ILogger<CampaignOffice> logger)
{
    public async Task<Campaign> CreateAsync(OrganizationProfile organization, CampaignDraft draft, OfficeMember member, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(member);
        var campaign = new Campaign
        {
            Id = Guid.NewGuid().ToString("N"),
            Organization = organization.Id,
            Title = draft.Title,
            CodeVersion = draft.CodeVersion,
            CodeLink = draft.CodeLink,
            Message = draft.Message,
            KeyPoints = draft.KeyPoints,
            Audience = draft.Audience,
            DueAt = draft.DueAt,
            ReminderEveryDays = draft.ReminderEveryDays,
            CreatedById = member.Id,
            CreatedByName = member.Name,
            CreatedAt = time.GetUtcNow(),
        };
        await store.SaveAsync(campaign, cancellationToken).ConfigureAwait(false);
        return campaign;
    }

    /// <summary>Launches a draft: queues its audience and wakes the senders. The outcome in the office's words.</summary>
    public async Task<(bool Done, string Note)> LaunchAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var now = time.GetUtcNow();
        if (campaign.Status != CampaignStatus.Draft)
            return (false, campaign.Status == CampaignStatus.Running ? "This campaign was launched already." : "A stopped campaign cannot be launched again; create a new one.");
        if (campaign.DueAt <= now)
            return (false, "The due date has passed; create a new campaign with a later one.");
        var (people, deliveries) = await CampaignLaunch.AudienceAsync(store, campaign, now, cancellationToken).ConfigureAwait(false);
        var skipped = people - deliveries.Count;
        var acknowledgedAlready = skipped > 0 ? $"; {skipped} had acknowledged this version already and are not asked." : ".";
        // The first batch while the campaign is a draft (a draft's entries are never taken), and to the end whatever the
        // request does: interrupted before it is Running, the launch leaves a draft that launches again, queuing no one
        // twice. The rest is queued in the background while the first cards go out (on Table Storage, 10,000 people take
        // a minute or more beside the sending): interrupted, the senders' sweep finishes it.
        var first = deliveries[..Math.Min(CampaignLaunch.FirstBatch, deliveries.Count)];
        var rest = deliveries[first.Count..];
        var queued = await store.EnqueueAsync(first, CancellationToken.None).ConfigureAwait(false);
        await store.SaveAsync(campaign with { Status = CampaignStatus.Running, LaunchedAt = now, Queuing = rest.Count > 0 }, CancellationToken.None).ConfigureAwait(false);
        dispatcher.Wake();
        if (rest.Count > 0)
        {
            _ = Task.Run(() => QueueRestAsync(campaign, rest), CancellationToken.None);
            return (true, $"Launched: {deliveries.Count} people to ask; the first cards are going out while the rest are queued{acknowledgedAlready}");
        }
        var before = deliveries.Count - queued;
        return (true, $"Launched: {deliveries.Count} people queued" + (before > 0 ? $" ({before} of them by an interrupted launch before)" : "") + acknowledgedAlready);
    }

    /// <summary>The rest of a launch's audience, then the campaign marked fully queued; a failure is left to the senders' sweep.</summary>
    private async Task QueueRestAsync(Campaign campaign, List<Delivery> rest)
    {
        try
        {
            await store.EnqueueAsync(rest, CancellationToken.None).ConfigureAwait(false);
            await store.QueuedAllAsync(campaign.Organization, campaign.Id, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogRestFailed(logger, e, campaign.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {Campaign}: queuing the rest of its audience failed; the senders' sweep will finish it")]
    private static partial void LogRestFailed(ILogger logger, Exception exception, string campaign);

    public async Task<(bool Done, string Note)> StopAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        if (campaign.Status == CampaignStatus.Stopped)
            return (false, "This campaign is stopped already.");
        await store.SaveAsync(campaign with { Status = CampaignStatus.Stopped, StoppedAt = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        return (true, "Stopped: no more cards or reminders go out. Acknowledgements still count.");
    }

    /// <summary>
    /// A person the bot has just met, or who installed the app again: queued for each open campaign whose audience
    /// includes them (again, when their card had failed). Returns how many.
    /// </summary>
    public async Task<int> WelcomeAsync(StaffContact contact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var now = time.GetUtcNow();
        var queued = 0;
        var versions = (await store.AcknowledgementsAsync(contact.Organization, contact.UserId, cancellationToken).ConfigureAwait(false)).Select(a => a.CodeVersion).ToHashSet(StringComparer.Ordinal);
        foreach (var campaign in (await store.ListAsync(contact.Organization, cancellationToken).ConfigureAwait(false))
                     .Where(c => c.IsOpen(now) && c.Audience.Includes(contact) && !versions.Contains(c.CodeVersion)))
        {
            // New to the campaign, or met again after their card failed (they had no app, blocked the bot): queued.
            var added = await store.EnqueueAsync([new Delivery { CampaignId = campaign.Id, Organization = campaign.Organization, UserId = contact.UserId, Name = contact.Name, DueAt = now }], cancellationToken).ConfigureAwait(false);
            queued += added > 0 || await store.RequeueFailedAsync(campaign.Id, contact.UserId, now, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }
        if (queued > 0)
            dispatcher.Wake();
        return queued;
    }
}
