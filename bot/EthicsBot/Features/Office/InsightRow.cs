namespace EthicsBot.Features.Office;

/// <summary>One figure of the insights: its section, what it counts, and the value as shown (masked when small).</summary>
public sealed record InsightRow(string Section, string Label, string Value);
