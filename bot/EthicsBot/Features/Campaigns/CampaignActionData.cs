namespace EthicsBot.Features.Campaigns;

/// <summary>The data of a campaign card's buttons: which campaign. Whose it is comes from the sender, never from the card.</summary>
public sealed record CampaignActionData
{
    public string? Campaign { get; init; }
}
