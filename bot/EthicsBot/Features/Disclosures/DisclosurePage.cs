namespace EthicsBot.Features.Disclosures;

/// <summary>One page of disclosures and how many match in all.</summary>
public sealed record DisclosurePage(IReadOnlyList<Disclosure> Items, int Total);
