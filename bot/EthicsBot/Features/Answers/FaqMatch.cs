namespace EthicsBot.Features.Answers;

/// <summary>The FAQ entry that answers a question, and how strongly it matched.</summary>
public sealed record FaqMatch(FaqEntry Entry, double Score);
