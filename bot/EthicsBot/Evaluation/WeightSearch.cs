using EthicsBot.Knowledge.Search;
using EthicsBot.Knowledge.Search.Semantic;
using Microsoft.Extensions.AI;

namespace EthicsBot.Evaluation;

/// <summary>
/// How the fusion weights were chosen, on our own data only: a seeded fifth of the question bank is held out, the
/// search is built from the rest, and each held-out question (its vector from the vector file) must find its clause.
/// Every weight combination of a small grid is scored by MRR, then recall@1.
/// </summary>
public static class WeightSearch
{
    public sealed record Row(HybridWeights Weights, double RecallAt1, double RecallAt3, double Mrr);

    public static async Task<IReadOnlyList<Row>> RunAsync(IClauseSearch keyword, IEmbeddingGenerator<string, Embedding<float>> encoder,
        SemanticVectors vectors, IReadOnlyList<Knowledge.Documents.Clause> clauses, int seed)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        var questions = vectors.Entries.Where(e => e.Kind == VectorKind.Question && e.Clause != SemanticVectors.EverydayClause).ToList();
        var random = new Random(seed);
        var heldOut = questions.Where(_ => random.NextDouble() < 0.2).ToHashSet();
        var training = vectors.Without(heldOut.Contains);
        var organization = clauses.ToDictionary(c => c.Id, c => c.Organization, StringComparer.Ordinal);
        var rows = new List<Row>();
        foreach (var q in new[] { 0.3, 0.4, 0.5, 0.6, 0.7 })
        foreach (var d in new[] { 0.0, 0.1, 0.2, 0.3 })
        foreach (var k in new[] { 0.1, 0.2, 0.3, 0.4 })
        foreach (var scale in new[] { 3.0, 6.0, 12.0 })
        {
            var weights = new HybridWeights { Question = q, Dense = d, Keyword = k, KeywordScale = scale };
            var search = new HybridClauseSearch(keyword, encoder, training, clauses, weights);
            var results = new List<RetrievalResult>(heldOut.Count);
            foreach (var held in heldOut)
            {
                // The held-out question's vector is in the file already: the grid never runs the encoder.
                var hits = await search.SearchAsync(new ClauseQuery(held.Text, organization[held.Clause], RetrievalEvaluation.MrrDepth) { Vector = vectors.Vector(held.Row).ToArray() }).ConfigureAwait(false);
                var ranked = hits.Select(h => h.Clause.Id).ToList();
                var index = ranked.IndexOf(held.Clause);
                results.Add(new RetrievalResult(new RetrievalCase(0, organization[held.Clause], held.Text, [held.Clause]), index < 0 ? null : index + 1, ranked));
            }
            var summary = RetrievalEvaluation.Summarize(results, 3);
            rows.Add(new Row(weights, summary.RecallAt1, summary.RecallAtK, summary.Mrr));
        }
        return rows.OrderByDescending(r => r.Mrr).ThenByDescending(r => r.RecallAt1).ToList();
    }
}
