using System.Numerics.Tensors;
using System.Text.RegularExpressions;
using EthicsBot.Knowledge.Documents;
using Microsoft.Extensions.AI;

namespace EthicsBot.Knowledge.Search.Semantic;

/// <summary>How the three signals are weighed (measured on our own staff questions; see README "Clause search").</summary>
public sealed class HybridWeights
{
    /// <summary>Similarity of the question to the clause's bank questions (the best one).</summary>
    public double Question { get; set; } = 0.6;

    /// <summary>Similarity of the question to the clause's title or one of its sentences (the best one).</summary>
    public double Dense { get; set; } = 0.1;

    /// <summary>The keyword provider's score, squashed to 0..1 as s / (s + <see cref="KeywordScale"/>).</summary>
    public double Keyword { get; set; } = 0.2;

    public double KeywordScale { get; set; } = 12;
}

/// <summary>
/// Search by meaning with the keyword search beside it: for each clause of the organisation, the question's
/// similarity to the clause's bank questions (staff wording, the strongest signal), to its title and sentences, and
/// the keyword provider's BM25 score, fused by weight. Scores are on a 0..1 scale. Quotes are the clause's sentences
/// closest in meaning to the question, with the sentence before when one leans on it ("Therefore…", "Such…").
/// </summary>
public sealed partial class HybridClauseSearch : IClauseSearch
{
    private readonly IClauseSearch _keyword;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _encoder;
    private readonly SemanticVectors _vectors;
    private readonly HybridWeights _weights;
    private readonly Dictionary<string, List<ClauseRows>> _byOrganization;

    public HybridClauseSearch(IClauseSearch keyword, IEmbeddingGenerator<string, Embedding<float>> encoder, SemanticVectors vectors,
        IEnumerable<Clause> clauses, HybridWeights weights)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        _keyword = keyword;
        _encoder = encoder;
        _vectors = vectors;
        _weights = weights;
        var rows = vectors.Entries.ToLookup(e => e.Clause, StringComparer.Ordinal);
        _byOrganization = clauses.Where(c => !c.IsHeadingOnly)
            .Select(c => new ClauseRows(c,
                rows[c.Id].Where(e => e.Kind == VectorKind.Question).Select(e => e.Row).ToArray(),
                rows[c.Id].Where(e => e.Kind != VectorKind.Question).ToArray()))
            .GroupBy(r => r.Clause.Organization, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
    }

    /// <summary>How many bank questions the search knows.</summary>
    public int BankSize => _vectors.Entries.Count(e => e.Kind == VectorKind.Question);

    public async Task<IReadOnlyList<ClauseHit>> SearchAsync(ClauseQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        if (!_byOrganization.TryGetValue(query.Organization, out var clauses))
            return [];
        var vector = query.Vector is { } given
            ? SemanticVectors.Normalized(given)
            : SemanticVectors.Normalized((await _encoder.GenerateVectorAsync(query.Text, cancellationToken: cancellationToken).ConfigureAwait(false)).Span);
        var keyword = (await _keyword.SearchAsync(query with { Top = ClauseQuery.MaxTop, WithSentences = false }, cancellationToken).ConfigureAwait(false))
            .ToDictionary(h => h.Clause.Id, h => h.Score, StringComparer.Ordinal);

        var scored = new List<(ClauseRows Rows, double Score)>(clauses.Count);
        foreach (var clause in clauses)
        {
            var question = Best(vector, clause.Questions);
            var dense = clause.Texts.Length == 0 ? 0 : clause.Texts.Max(e => Dot(vector, e.Row));
            var k = keyword.TryGetValue(clause.Clause.Id, out var s) ? s / (s + _weights.KeywordScale) : 0;
            scored.Add((clause, (_weights.Question * question) + (_weights.Dense * dense) + (_weights.Keyword * k)));
        }
        return scored.OrderByDescending(s => s.Score).ThenBy(s => s.Rows.Clause.Order).Take(query.Top)
            .Select(s => new ClauseHit(s.Rows.Clause, s.Score, Quote(vector, s.Rows)))
            .ToList();
    }

    /// <summary>
    /// The mean of the clause's <see cref="BankTop"/> closest bank questions: one question sharing a phrase by chance
    /// ("the migrants we assist") weighs less than several that ask the same thing.
    /// </summary>
    private double Best(float[] vector, int[] rows) =>
        rows.Length == 0 ? 0 : rows.Select(r => Dot(vector, r)).OrderDescending().Take(BankTop).Average();

    private const int BankTop = 3;

    private double Dot(float[] vector, int row) => TensorPrimitives.Dot(vector, _vectors.Vector(row));

    /// <summary>
    /// The sentences closest in meaning: the best, and another within <see cref="SentenceMargin"/> of it (or the clause's
    /// opening sentence within <see cref="OpeningMargin"/>), in the clause's order; a sentence that leans on the one
    /// before it ("Therefore…", "Such…") comes with that one. At most two.
    /// </summary>
    private IReadOnlyList<string> Quote(float[] vector, ClauseRows clause)
    {
        var sentences = clause.Texts.Where(e => e.Kind == VectorKind.Sentence).ToList();
        if (sentences.Count == 0)
            return [];
        var scored = sentences.Select((e, i) => (Index: i, Score: Dot(vector, e.Row))).OrderByDescending(s => s.Score).ToList();
        var picked = scored.Where(s => s.Score >= scored[0].Score - SentenceMargin).Take(2).Select(s => s.Index).ToList();
        // A paragraph usually opens with its rule: the first sentence comes along when it is nearly as close.
        if (!picked.Contains(0) && scored.First(s => s.Index == 0).Score >= scored[0].Score - OpeningMargin)
            picked = [0, scored[0].Index];
        if (LeansOnThePrevious().IsMatch(sentences[scored[0].Index].Text) && scored[0].Index > 0)
            picked = [scored[0].Index - 1, scored[0].Index];
        return picked.Order().Select(i => sentences[i].Text).ToList();
    }

    private const double SentenceMargin = 0.05;
    private const double OpeningMargin = 0.2;

    [GeneratedRegex(@"^(therefore|thus|hence|such|this|these|those|that|it|they|however|in (this|that|such) case|accordingly|consequently|likewise|similarly|furthermore|moreover|also|in addition)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LeansOnThePrevious();

    private sealed record ClauseRows(Clause Clause, int[] Questions, VectorEntry[] Texts);
}
