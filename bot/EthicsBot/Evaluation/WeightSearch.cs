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
        var questions = vectors.Entries.Where(e => e.Kind == VectorKind.Question).ToList();
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
            int first = 0, top3 = 0;
            double reciprocal = 0;
            foreach (var held in heldOut)
            {
                var hits = await search.SearchAsync(new ClauseQuery(held.Text, organization[held.Clause], 10) { Vector = vectors.Vector(held.Row).ToArray() }).ConfigureAwait(false);
                var rank = hits.Select((h, i) => (h, i)).FirstOrDefault(x => x.h.Clause.Id == held.Clause, (null!, -1)).Item2 + 1;
                first += rank == 1 ? 1 : 0;
                top3 += rank is >= 1 and <= 3 ? 1 : 0;
                reciprocal += rank >= 1 ? 1.0 / rank : 0;
            }
            var n = (double)heldOut.Count;
            rows.Add(new Row(weights, Math.Round(first / n, 4), Math.Round(top3 / n, 4), Math.Round(reciprocal / n, 4)));
        }
        return rows.OrderByDescending(r => r.Mrr).ThenByDescending(r => r.RecallAt1).ToList();
    }
}
