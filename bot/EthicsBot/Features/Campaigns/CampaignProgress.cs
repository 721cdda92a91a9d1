namespace EthicsBot.Features.Campaigns;

/// <summary>
/// Where a campaign stands, for the desk: the audience queued at launch (and joiners since), what was sent, what failed
/// and why, who acknowledged.
/// </summary>
public sealed record CampaignProgress(int Audience, int Queued, int Sent, int Failed, int Acknowledged, IReadOnlyDictionary<DeliveryFailure, int> FailedBy)
{
    /// <summary>Not yet acknowledged (sent, queued or failed).</summary>
    public int Pending => Audience - Acknowledged;

    public static CampaignProgress Of(IEnumerable<Delivery> deliveries)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        var list = deliveries.ToList();
        var failed = list.Where(d => d.AcknowledgedAt is null && d.State == DeliveryState.Failed).ToList();
        return new CampaignProgress(
            list.Count,
            list.Count(d => d.AcknowledgedAt is null && d.State is DeliveryState.Queued or DeliveryState.Sending && d.SentAt is null),
            list.Count(d => d.SentAt is not null),
            failed.Count,
            list.Count(d => d.AcknowledgedAt is not null),
            failed.GroupBy(d => d.Failure ?? DeliveryFailure.Error).ToDictionary(g => g.Key, g => g.Count()));
    }
}
