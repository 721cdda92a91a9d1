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

    public async Task TeachAsync(IReadOnlyList<FaqEntry> published, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(published);
        if (_hybrid is null)
            return;
        var resting = published.Where(e => e.Clauses.Count > 0).ToList();
        var vectors = resting.Count == 0 ? [] : await encoder.GenerateAsync(resting.Select(e => e.Question), cancellationToken: cancellationToken).ConfigureAwait(false);
        _hybrid.Teach(resting.SelectMany((e, i) => e.Clauses.Select(c => (c, vectors[i].Vector.ToArray()))));
    }
}
