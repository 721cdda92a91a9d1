namespace EthicsBot.Features.Disclosures;

/// <summary>
/// One page of disclosures and how many match in all. A store that would have to read every match to count them
/// (Table Storage) may stop after the page and one more: then <paramref name="Exact"/> is false and
/// <paramref name="Total"/> only says there is at least that many, enough to offer the next page.
/// </summary>
public sealed record DisclosurePage(IReadOnlyList<Disclosure> Items, int Total, bool Exact = true);
