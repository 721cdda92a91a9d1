namespace EthicsBot.Evaluation;

/// <summary>Summary figures of a retrieval run: recall@k (any expected id in the top k) and MRR over the top 10.</summary>
public sealed record RetrievalSummary(int N, int K, double RecallAt1, double RecallAtK, double Mrr);
