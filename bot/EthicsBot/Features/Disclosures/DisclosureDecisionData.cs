namespace EthicsBot.Features.Disclosures;

/// <summary>The data of acknowledge, approve or decline on the ethics office card (verb <c>disclosureDecision</c>), with the comment typed on it.</summary>
public sealed record DisclosureDecisionData
{
    public string? Org { get; init; }

    public string? Id { get; init; }

    /// <summary>acknowledged, approved or declined.</summary>
    public string? Decision { get; init; }

    public string? Comment { get; init; }
}
