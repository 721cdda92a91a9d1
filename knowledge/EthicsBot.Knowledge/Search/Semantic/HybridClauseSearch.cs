using System.Numerics.Tensors;
using EthicsBot.Knowledge.Documents;
using Microsoft.Extensions.AI;

namespace EthicsBot.Knowledge.Search.Semantic;

/// <summary>How the three signals are weighed (measured on our own staff questions; see docs/knowledge-and-search.md).</summary>
public sealed class HybridWeights
{
    /// <summary>Similarity of the question to the clause's bank questions (the best one).</summary>
    public double Question { get; set; } = 0.6;

    /// <summary>Similarity of the question to the clause's title or one of its sentences (the best one).</summary>
    public double Dense { get; set; } = 0.1;

    /// <summary>The keyword provider's score, squashed to 0..1 as s / (s + <see cref="KeywordScale"/>).</summary>
    public double Keyword { get; set; } = 0.2;

    public double KeywordScale { get; set; } = 12;

    /// <summary>
    /// How much every clause's score drops by when the question is closer to the everyday office questions (leave,
    /// pay, IT, travel) than to the best clause's bank questions: by this times the difference. The ranking stays; the
    /// Code's not covering the question shows in the score the answer gates on.
    /// </summary>
    public double Everyday { get; set; } = 0.6;
}

/// <summary>
/// Search by meaning with the keyword search beside it: for each clause of the organisation, the question's
/// similarity to the clause's bank questions (staff wording, the strongest signal), to its title and sentences, and
/// the keyword provider's BM25 score, fused by weight. Scores are on a 0..1 scale. Quotes are the clause's sentences
/// that answer the question (<see cref="QuotePicker"/>).
/// </summary>
public sealed class HybridClauseSearch : IClauseSearch
{
    private readonly IClauseSearch _keyword;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _encoder;
    private readonly SemanticVectors _vectors;
    private readonly HybridWeights _weights;
    private readonly Dictionary<string, List<ClauseRows>> _byOrganization;
    private readonly Dictionary<string, float[]> _centroids;
    private readonly int[] _everyday;
    private volatile IReadOnlyDictionary<string, float[][]> _taught = new Dictionary<string, float[][]>(StringComparer.Ordinal);

    public HybridClauseSearch(IClauseSearch keyword, IEmbeddingGenerator<string, Embedding<float>> encoder, SemanticVectors vectors,
        IEnumerable<Clause> clauses, HybridWeights weights)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        _keyword = keyword;
        _encoder = encoder;
        _vectors = vectors;
        _weights = weights;
        var rows = vectors.Entries.ToLookup(e => e.Clause, StringComparer.Ordinal);
        _everyday = [.. rows[SemanticVectors.EverydayClause].Select(e => e.Row)];
        _byOrganization = clauses.Where(c => !c.IsHeadingOnly)
            .Select(c => new ClauseRows(c,
                rows[c.Id].Where(e => e.Kind == VectorKind.Question).Select(e => e.Row).ToArray(),
                rows[c.Id].Where(e => e.Kind != VectorKind.Question).ToArray()))
            .GroupBy(r => r.Clause.Organization, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        // One vector per clause, its title and bank questions averaged, side by side in one array per organisation:
        // a large Code is first narrowed by one quick scan of these, then only the candidates are scored in full.
        _centroids = _byOrganization.ToDictionary(o => o.Key, o => o.Value.SelectMany(Centroid).ToArray(), StringComparer.Ordinal);
        _quotes = new QuotePicker(vectors.Entries.Where(e => e.Kind == VectorKind.Sentence).Select(e => e.Text));
    }

    /// <summary>The keyword side's wordings (<c>knowledge/synonyms.txt</c>): they help pick the sentence to quote.</summary>
    public SynonymList Synonyms { get; init; } = SynonymList.Empty;

    /// <summary>
    /// The concrete things staff name (<c>knowledge/lexicon.json</c>): a question telling of one given from outside is
    /// also searched as the Code would put it ("Can I accept a gift from a supplier?"), each clause keeping the better
    /// of the two wordings.
    /// </summary>
    public ThingLexicon Lexicon { get; init; } = ThingLexicon.Empty;

    private readonly QuotePicker _quotes;

    /// <summary>
    /// The question bank with the sentence each question is answered by (<see cref="BankQuestion.Answer"/>): the quote
    /// leans to the sentence the bank questions closest to the asker's point to.
    /// </summary>
    public IReadOnlyCollection<BankQuestion> Bank
    {
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            var answers = value.Where(q => q.Answer is not null).GroupBy(q => (q.Clause, q.Question)).ToDictionary(g => g.Key, g => g.First().Answer);
            _answerOf = _byOrganization.Values.SelectMany(o => o).SelectMany(c => c.Questions
                    .Select(row => (Row: row, Answer: answers.GetValueOrDefault((c.Clause.Id, _vectors.Entries[row].Text))))
                    .Select(q => (q.Row, Sentence: c.Texts.FirstOrDefault(t => t.Kind == VectorKind.Sentence && BankQuestion.Names(q.Answer, t.Text))))
                    .Where(q => q.Sentence is not null))
                .ToDictionary(q => q.Row, q => q.Sentence!.Row);
        }
    }

    /// <summary>A bank question's row → the row of the sentence that answers it.</summary>
    private readonly Dictionary<int, int> _answerOf = [];

    /// <summary>
    /// The vectors of the lexicon's wordings ("Can I accept a gift from a supplier?"). They are made of the lexicon's
    /// categories and givers (only the spacing between a giver's words is the asker's), so there are few of them and
    /// each is encoded once: a question naming a thing then costs one encoding, not two. Bounded all the same, against
    /// a large lexicon or many spacings.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, float[]> _inCodeVectors = new(StringComparer.Ordinal);

    /// <summary>The most wordings <see cref="_inCodeVectors"/> keeps; past it, a wording is encoded each time.</summary>
    public const int MaxInCodeVectors = 4_096;

    private async Task<float[]> InCodeVectorAsync(string wording, CancellationToken cancellationToken)
    {
        if (_inCodeVectors.TryGetValue(wording, out var known))
            return known;
        var vector = SemanticVectors.Normalized((await _encoder.GenerateVectorAsync(wording, cancellationToken: cancellationToken).ConfigureAwait(false)).Span);
        if (_inCodeVectors.Count < MaxInCodeVectors)
            _inCodeVectors.TryAdd(wording, vector);
        return vector;
    }

    /// <summary>Clauses scored in full beyond the keyword search's own hits: the closest by their centroid.</summary>
    public const int Candidates = 64;

    private float[] Centroid(ClauseRows clause)
    {
        var sum = new float[_vectors.Dimensions];
        foreach (var row in clause.Questions.Concat(clause.Texts.Where(t => t.Kind == VectorKind.Title).Select(t => t.Row)))
            TensorPrimitives.Add(sum, _vectors.Vector(row), sum);
        return SemanticVectors.Normalized(sum);
    }

    /// <summary>
    /// Questions the ethics office answered and published, each with the clauses its answer rests on: they join those
    /// clauses' bank, so the office teaches the search (nothing unreviewed is learned). Replaces the previous set.
    /// </summary>
    public void Teach(IEnumerable<(string Clause, float[] Vector)> questions)
    {
        ArgumentNullException.ThrowIfNull(questions);
        _taught = questions.GroupBy(q => q.Clause, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(q => SemanticVectors.Normalized(q.Vector)).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>How many bank questions the search knows.</summary>
    public int BankSize => _vectors.Entries.Count(e => e.Kind == VectorKind.Question && e.Clause != SemanticVectors.EverydayClause);

    public async Task<IReadOnlyList<ClauseHit>> SearchAsync(ClauseQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        if (!_byOrganization.TryGetValue(query.Organization, out var clauses))
            return [];
        var vector = query.Vector is { } given
            ? SemanticVectors.Normalized(given)
            : SemanticVectors.Normalized((await _encoder.GenerateVectorAsync(query.Text, cancellationToken: cancellationToken).ConfigureAwait(false)).Span);
        // A thing given from outside, named as staff name it: the question as the Code would put it too ("Can I accept
        // a gift from a supplier?"); its words join the question's for the keyword search and the quote.
        var inCodeWords = Lexicon.InCodeWords(query.Text);
        var variant = inCodeWords is null ? null : await InCodeVectorAsync(inCodeWords, cancellationToken).ConfigureAwait(false);
        var words = inCodeWords is not null && query.Text.Length + inCodeWords.Length < ClauseQuery.MaxTextLength ? $"{query.Text} {inCodeWords}" : query.Text;
        // The keyword provider gets the vector too: a provider that fuses vectors itself (Azure AI Search) must not encode again.
        var keyword = (await _keyword.SearchAsync(query with { Text = words, Top = ClauseQuery.MaxTop, WithSentences = false, Vector = query.Vector ?? vector }, cancellationToken).ConfigureAwait(false))
            .ToDictionary(h => h.Clause.Id, h => h.Score, StringComparer.Ordinal);

        var taught = _taught;
        var candidates = CandidatesFor(vector, query.Organization, clauses, keyword, taught);
        float[][] wordings = variant is null ? [vector] : [vector, variant];
        var fused = candidates.Select(c => (Rows: c, Signals: Fused(c, wordings, keyword, taught))).ToList();
        // Closer to the everyday office questions than to any clause's own: the Code is less likely to cover it.
        var everyday = _everyday.Length == 0 || fused.Count == 0 ? 0 : Math.Max(0, Best(vector, _everyday, null) - fused.Max(f => f.Signals.Question));
        var scored = fused.Select(f => (f.Rows, Score: f.Signals.Score - (_weights.Everyday * everyday))).ToList();
        var terms = QueryPlan.Create(words, Synonyms, SynonymWeight).TermWeights();
        return scored.OrderByDescending(s => s.Score).ThenBy(s => s.Rows.Clause.Order).Take(query.Top)
            .Select(s => new ClauseHit(s.Rows.Clause, s.Score, Quote(vector, s.Rows, terms, query.Text)))
            .ToList();
    }

    /// <summary>The clause's three signals fused, and its bank signal alone; with several wordings of the question, each signal's best.</summary>
    private (double Score, double Question) Fused(ClauseRows clause, float[][] vectors, Dictionary<string, double> keyword, IReadOnlyDictionary<string, float[][]> taught)
    {
        double question = 0, dense = 0;
        foreach (var vector in vectors)
        {
            question = Math.Max(question, Best(vector, clause.Questions, taught.GetValueOrDefault(clause.Clause.Id)));
            foreach (var text in clause.Texts)
                dense = Math.Max(dense, Dot(vector, text.Row));
        }
        var k = keyword.TryGetValue(clause.Clause.Id, out var s) ? s / (s + _weights.KeywordScale) : 0;
        return ((_weights.Question * question) + (_weights.Dense * dense) + (_weights.Keyword * k), question);
    }

    /// <summary>Every clause of a small Code; of a large one, the keyword hits, the taught ones and the closest by centroid.</summary>
    private List<ClauseRows> CandidatesFor(float[] vector, string organization, List<ClauseRows> clauses, Dictionary<string, double> keyword,
        IReadOnlyDictionary<string, float[][]> taught)
    {
        if (clauses.Count <= Candidates + keyword.Count)
            return clauses;
        var centroids = _centroids[organization].AsSpan();
        var dimensions = _vectors.Dimensions;
        var similarity = new float[clauses.Count];
        for (var i = 0; i < clauses.Count; i++)
            similarity[i] = TensorPrimitives.Dot(vector, centroids.Slice(i * dimensions, dimensions));
        var threshold = similarity.OrderDescending().ElementAt(Candidates - 1);
        return clauses.Where((c, i) => similarity[i] >= threshold || keyword.ContainsKey(c.Clause.Id) || taught.ContainsKey(c.Clause.Id)).ToList();
    }

    /// <summary>
    /// Half the closest bank question, half the mean of the <see cref="BankTop"/> closest: one question sharing a phrase
    /// by chance ("the migrants we assist") weighs less than several that ask the same thing, while one that asks
    /// exactly this (an answer the office published) still counts.
    /// </summary>
    private double Best(float[] vector, int[] rows, float[][]? taught)
    {
        var similarities = rows.Select(r => Dot(vector, r));
        if (taught is not null)
            similarities = similarities.Concat(taught.Select(t => (double)TensorPrimitives.Dot(vector, t)));
        var top = similarities.OrderDescending().Take(BankTop).ToList();
        return top.Count == 0 ? 0 : (top[0] + top.Average()) / 2;
    }

    private const int BankTop = 3;

    private double Dot(float[] vector, int row) => TensorPrimitives.Dot(vector, _vectors.Vector(row));

    /// <summary>The clause's sentences that answer the question, each weighed by its closeness in meaning and its words.</summary>
    private IReadOnlyList<string> Quote(float[] vector, ClauseRows clause, IReadOnlyDictionary<string, float> words, string? question)
    {
        // Each sentence's support: how close the asker's question is to the bank questions it answers.
        var support = new Dictionary<int, double>();
        foreach (var row in clause.Questions)
            if (_answerOf.TryGetValue(row, out var sentence))
                support[sentence] = Math.Max(support.GetValueOrDefault(sentence), Dot(vector, row));
        return Quote(vector, clause, words, question, support);
    }

    private IReadOnlyList<string> Quote(float[] vector, ClauseRows clause, IReadOnlyDictionary<string, float> words, string? question, Dictionary<int, double> support)
    {
        var sentences = clause.Texts.Where(e => e.Kind == VectorKind.Sentence).ToList();
        return _quotes.Pick([.. sentences.Select(e => (e.Text, Dot(vector, e.Row)))], words, question,
            support.Count == 0 ? null : [.. sentences.Select(e => support.GetValueOrDefault(e.Row))]);
    }

    /// <summary>Each sentence's share of the clause's bank questions that it answers, the most answering sentence 1.</summary>
    private Dictionary<int, double> Votes(ClauseRows clause)
    {
        var votes = clause.Questions.Where(_answerOf.ContainsKey).GroupBy(row => _answerOf[row]).ToDictionary(g => g.Key, g => (double)g.Count());
        var most = votes.Count == 0 ? 1 : votes.Values.Max();
        return votes.ToDictionary(v => v.Key, v => v.Value / most);
    }

    /// <summary>
    /// The sentences of a clause that answer what staff most often ask of it: the sentence most of its bank questions
    /// name as their answer, weighed with the mean of those questions (the quote of an answer found in another
    /// language's bank, whose question the English sentences cannot be weighed against). Its first sentences when the
    /// clause has no vectors.
    /// </summary>
    public IReadOnlyList<string> TypicalQuote(Clause clause)
    {
        ArgumentNullException.ThrowIfNull(clause);
        return _typicalQuotes.GetOrAdd(clause.Id, _ =>
            _byOrganization.GetValueOrDefault(clause.Organization)?.Find(r => r.Clause.Id == clause.Id) is { } rows
                ? Quote(Centroid(rows), rows, new Dictionary<string, float>(), null, Votes(rows))
                : [.. SentencePicker.Sentences(clause.Text).Take(2)]);
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<string>> _typicalQuotes = new(StringComparer.Ordinal);

    /// <summary>The weight of a synonym's wording beside the question's own words, as the keyword search gives it.</summary>
    private const float SynonymWeight = 0.8f;

    private sealed record ClauseRows(Clause Clause, int[] Questions, VectorEntry[] Texts);
}
