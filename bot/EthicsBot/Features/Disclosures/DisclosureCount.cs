namespace EthicsBot.Features.Disclosures;

/// <summary>How many disclosures of one kind ("gift declaration") have one status.</summary>
public sealed record DisclosureCount(string Noun, string Status, int Count);
