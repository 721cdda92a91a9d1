namespace EthicsBot.Features.Disclosures;

/// <summary>The data of the ethics office card's refresh (verb <c>disclosureRefresh</c>): which disclosure it shows.</summary>
public sealed record DisclosureKeyData
{
    public string? Org { get; init; }

    public string? Id { get; init; }
}
