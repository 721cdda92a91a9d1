namespace EthicsBot.Features.Disclosures;

/// <summary>The data of "My disclosures" after a submission (verb <c>myDisclosures</c>).</summary>
public sealed record MyDisclosuresData
{
    public string? Org { get; init; }
}
