namespace EthicsBot.Features.Campaigns;

/// <summary>
/// Who a launch queues: the campaign's audience (everyone reachable, chosen teams' members, or the list) less those who
/// acknowledged its version already (the launch then marks it fully queued, <see cref="ICampaignStore.QueuedAllAsync"/>). Shared by the launch
/// (<see cref="CampaignOffice.LaunchAsync"/>) and the senders' sweep that finishes an interrupted one.
/// </summary>
public static class CampaignLaunch
{
    /// <summary>Queued before the campaign is Running (while a draft's entries are never taken): the first cards go out at once, the rest queue meanwhile.</summary>
    public const int FirstBatch = 200;

    /// <summary>
    /// An interrupted launch is finished by the senders this long after it began. A launch still queuing by then (a very
    /// large audience) is finished alongside, harmlessly: no one is queued twice.
    /// </summary>
    public static readonly TimeSpan FinishAfter = TimeSpan.FromMinutes(2);

    /// <summary>The audience (how many people it names) and their entries, due at <paramref name="dueAt"/>.</summary>
    public static async Task<(int People, List<Delivery> Deliveries)> AudienceAsync(ICampaignStore store, Campaign campaign, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(campaign);
        var acknowledged = await store.AcknowledgedAsync(campaign.Organization, campaign.CodeVersion, cancellationToken).ConfigureAwait(false);
        var contacts = (await store.ContactsAsync(campaign.Organization, cancellationToken).ConfigureAwait(false)).ToDictionary(c => c.UserId, StringComparer.Ordinal);
        var people = campaign.Audience.Kind == AudienceKind.List ? campaign.Audience.Ids.ToList()
            : contacts.Values.Where(campaign.Audience.Includes).Select(c => c.UserId).ToList();
        var deliveries = people.Where(p => !acknowledged.Contains(p))
            .Select(p => new Delivery { CampaignId = campaign.Id, Organization = campaign.Organization, UserId = p, Name = contacts.GetValueOrDefault(p)?.Name ?? "", DueAt = dueAt })
            .ToList();
        return (people.Count, deliveries);
    }
}
