namespace EthicsBot.Evaluation;

/// <summary>The outcome of one question: the rank (1-based) of the first expected clause found, if any, and the top ids.</summary>
public sealed record RetrievalResult(RetrievalCase Case, int? Rank, IReadOnlyList<string> Ranked, double TopScore = 0);
