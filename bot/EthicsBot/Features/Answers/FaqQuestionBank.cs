using EthicsBot.Knowledge.Search;
using EthicsBot.Knowledge.Search.Semantic;
using Microsoft.Extensions.AI;

namespace EthicsBot.Features.Answers;

/// <summary>
/// A published FAQ entry's question joins the question bank of each clause its answer rests on, so the search by
/// meaning finds those clauses for questions worded like it (only with the hybrid search; otherwise nothing to teach).
/// </summary>
public sealed class FaqQuestionBank(IClauseSearch clauseSearch, IEmbeddingGenerator<string, Embedding<float>> encoder)
{
    private readonly HybridClauseSearch? _hybrid = clauseSearch as HybridClauseSearch;

    /// <summary>
    /// The vectors of the questions taught last time, by question: the FAQ is taught again whole after every publish,
    /// edit or withdrawal, and only questions not seen before are encoded.
    /// </summary>
    private volatile Dictionary<string, float[]> _vectors = new(StringComparer.Ordinal);

    public async Task TeachAsync(IReadOnlyList<FaqEntry> published, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(published);
        if (_hybrid is null)
            return;
        var resting = published.Where(e => e.Clauses.Count > 0).ToList();
        var known = _vectors;
        var fresh = resting.Select(e => e.Question).Where(q => !known.ContainsKey(q)).Distinct(StringComparer.Ordinal).ToList();
        var encoded = fresh.Count == 0 ? [] : await encoder.GenerateAsync(fresh, cancellationToken: cancellationToken).ConfigureAwait(false);
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (var i = 0; i < fresh.Count; i++)
            vectors[fresh[i]] = encoded[i].Vector.ToArray();
        foreach (var question in resting.Select(e => e.Question))
            if (!vectors.ContainsKey(question))
                vectors[question] = known[question];
        _vectors = vectors;
        _hybrid.Teach(resting.SelectMany(e => e.Clauses.Select(c => (c, vectors[e.Question]))));
    }
}
