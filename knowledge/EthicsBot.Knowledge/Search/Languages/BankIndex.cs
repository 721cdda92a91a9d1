using EthicsBot.Knowledge.Documents;
using EthicsBot.Knowledge.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace EthicsBot.Knowledge.Search.Languages;

/// <summary>
/// One language's question bank, searchable two ways that need no model of the language: character n-grams of the
/// folded text weighed by how rare each is in the bank (TF-IDF over <see cref="NgramFeatures"/>), against each clause's
/// questions summed into one vector; and BM25 over the bank's words, stemmed by Lucene.NET's analyzer for the language.
/// Everyday office questions in the language sit beside the bank: a question closer to them than to any clause is
/// less likely one the Code covers. Only the sums, the everyday vectors and the rarity of each n-gram are kept.
/// </summary>
internal sealed class BankIndex : IDisposable
{
    private const int Bits = 18;
    private const string DocField = "doc";
    private const string OrgField = "org";
    private const string TextField = "text";

    private readonly Analyzer _analyzer;
    private readonly RAMDirectory _directory = new();
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;

    /// <summary>How rare each n-gram bucket is in the bank (sorted buckets, their weights); an unseen one weighs the most.</summary>
    private readonly int[] _idfBuckets;
    private readonly float[] _idfWeights;
    private readonly float _unseenIdf;

    /// <summary>
    /// Each clause's weighed bank questions summed (not scaled), stored by bucket (compressed rows): the buckets in
    /// order, where each one's entries start, and the entries (the clause, its sum's value there). A question's
    /// cosine with every clause then costs a lookup per n-gram of the question.
    /// </summary>
    private readonly int[] _sumBuckets;
    private readonly int[] _sumStarts;
    private readonly int[] _sumClauses;
    private readonly float[] _sumValues;
    private readonly Dictionary<string, int> _clauseNumbers;
    private readonly double[] _sumNorms;

    private readonly IReadOnlyList<string> _everyday;
    private readonly Dictionary<string, IReadOnlyList<Clause>> _byOrganization;
    private readonly SparseVector[] _everydayVectors;

    public BankIndex(string language, IReadOnlyList<(Clause Clause, string Question)> own, IReadOnlyList<(Clause Clause, string Question)> others, IReadOnlyList<string> everyday)
    {
        Language = language;
        OwnCount = own.Count;
        Questions = [.. own, .. others];
        _everyday = everyday;
        _analyzer = LanguageAnalyzers.For(language);
        var raw = Questions.Select(q => NgramFeatures.Of(q.Question, Bits)).Concat(everyday.Select(t => NgramFeatures.Of(t, Bits))).ToList();
        var documents = new Dictionary<int, int>();
        foreach (var vector in raw)
            foreach (var bucket in vector.Indices)
                documents[bucket] = documents.GetValueOrDefault(bucket) + 1;
        _idfBuckets = [.. documents.Keys.Order()];
        _idfWeights = [.. _idfBuckets.Select(b => (float)(Math.Log((raw.Count + 1.0) / (documents[b] + 1.0)) + 1))];
        _unseenIdf = (float)(Math.Log(raw.Count + 1.0) + 1);
        var sums = Questions.Select((q, i) => (q.Clause.Id, Vector: Weighted(raw[i]))).GroupBy(q => q.Id, StringComparer.Ordinal)
            .Select(g => (Clause: g.Key, Sum: Sum(g.Select(q => q.Vector)))).ToList();
        _clauseNumbers = sums.Select((c, n) => (c.Clause, n)).ToDictionary(c => c.Clause, c => c.n, StringComparer.Ordinal);
        _sumNorms = [.. sums.Select(c => c.Sum.Values.Sum(x => (double)x * x))];
        var entries = sums.SelectMany((c, n) => c.Sum.Indices.Select((bucket, k) => (Bucket: bucket, Clause: n, Value: c.Sum.Values[k])))
            .OrderBy(e => e.Bucket).ThenBy(e => e.Clause).ToList();
        _sumClauses = [.. entries.Select(e => e.Clause)];
        _sumValues = [.. entries.Select(e => e.Value)];
        var buckets = new List<int>();
        var starts = new List<int>();
        for (var e = 0; e < entries.Count; e++)
            if (e == 0 || entries[e].Bucket != entries[e - 1].Bucket)
            {
                buckets.Add(entries[e].Bucket);
                starts.Add(e);
            }
        starts.Add(entries.Count);
        (_sumBuckets, _sumStarts) = ([.. buckets], [.. starts]);
        _everydayVectors = [.. raw.Skip(Questions.Count).Select(Weighted)];
        _byOrganization = Questions.Select(q => q.Clause).DistinctBy(c => c.Id).GroupBy(c => c.Organization, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Clause>)[.. g.OrderBy(c => c.Order)], StringComparer.Ordinal);
        using (var writer = new IndexWriter(_directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, _analyzer) { Similarity = new BM25Similarity() }))
        {
            for (var i = 0; i < Questions.Count; i++)
                writer.AddDocument([new StoredField(DocField, i), new StringField(OrgField, Questions[i].Clause.Organization, Field.Store.NO),
                    new TextField(TextField, TextFolding.Fold(Questions[i].Question), Field.Store.NO)]);
            writer.Commit();
        }
        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
        _questionOfDoc = new int[_reader.MaxDoc];
        for (var doc = 0; doc < _reader.MaxDoc; doc++)
            _questionOfDoc[doc] = _reader.Document(doc).GetField(DocField).GetInt32Value()!.Value;
    }

    /// <summary>Each Lucene document's place in <see cref="Questions"/>, read once.</summary>
    private readonly int[] _questionOfDoc;

    public string Language { get; }

    /// <summary>The language's own questions first, then those of the banks searched with it.</summary>
    public IReadOnlyList<(Clause Clause, string Question)> Questions { get; }

    /// <summary>How many of <see cref="Questions"/> are the language's own.</summary>
    public int OwnCount { get; }

    public int EverydayCount => _everyday.Count;

    public string EverydayQuestion(int index) => _everyday[index];

    /// <summary>The clauses of an organisation the bank has questions for, in the Code's order.</summary>
    public IReadOnlyList<Clause> Clauses(string organization) =>
        _byOrganization.TryGetValue(organization, out var clauses) ? clauses : [];

    /// <summary>The question's n-grams weighed by their rarity in this bank, at unit length.</summary>
    public SparseVector Weighted(string text) => Weighted(NgramFeatures.Of(text, Bits));

    private SparseVector Weighted(SparseVector counts)
    {
        var values = new float[counts.Values.Length];
        double norm = 0;
        for (var k = 0; k < values.Length; k++)
        {
            var at = Array.BinarySearch(_idfBuckets, counts.Indices[k]);
            values[k] = counts.Values[k] * (at >= 0 ? _idfWeights[at] : _unseenIdf);
            norm += values[k] * values[k];
        }
        var scale = norm > 0 ? (float)(1 / Math.Sqrt(norm)) : 0;
        for (var k = 0; k < values.Length; k++)
            values[k] *= scale;
        return new SparseVector(counts.Indices, values);
    }

    private static SparseVector Sum(IEnumerable<SparseVector> vectors)
    {
        var sum = new SortedDictionary<int, float>();
        foreach (var v in vectors)
            for (var k = 0; k < v.Indices.Length; k++)
                sum[v.Indices[k]] = sum.GetValueOrDefault(v.Indices[k]) + v.Values[k];
        return new SparseVector([.. sum.Keys], [.. sum.Values]);
    }

    /// <summary>
    /// The cosine of a question with each clause's questions summed, by clause id; for <paramref name="heldClause"/>
    /// (the question is one of its bank questions, held out to measure the gate), without the question.
    /// </summary>
    public Dictionary<string, double> Centroids(SparseVector question, string? heldClause)
    {
        var dots = new double[_sumNorms.Length];
        for (var k = 0; k < question.Indices.Length; k++)
        {
            var at = Array.BinarySearch(_sumBuckets, question.Indices[k]);
            if (at < 0)
                continue;
            for (var e = _sumStarts[at]; e < _sumStarts[at + 1]; e++)
                dots[_sumClauses[e]] += question.Values[k] * _sumValues[e];
        }
        return _clauseNumbers.ToDictionary(c => c.Key, c =>
        {
            var (dot, norm2) = (dots[c.Value], _sumNorms[c.Value]);
            if (c.Key == heldClause)
                (dot, norm2) = (dot - 1, norm2 + 1 - (2 * dot)); // |S − q|² with |q| = 1
            return norm2 <= 1e-9 ? 0 : dot / Math.Sqrt(norm2);
        }, StringComparer.Ordinal);
    }

    /// <summary>The cosine of the question with each everyday office question, in their order.</summary>
    public IEnumerable<double> Everyday(SparseVector question) => _everydayVectors.Select(v => Dot(question, v));

    private static double Dot(SparseVector a, SparseVector b)
    {
        double dot = 0;
        for (int i = 0, j = 0; i < a.Indices.Length && j < b.Indices.Length;)
        {
            if (a.Indices[i] == b.Indices[j])
                dot += a.Values[i++] * b.Values[j++];
            else if (a.Indices[i] < b.Indices[j])
                i++;
            else
                j++;
        }
        return dot;
    }

    /// <summary>BM25 over the bank questions of one organisation: the score of each question hit, by its index in <see cref="Questions"/>.</summary>
    public Dictionary<int, float> Keyword(string question, string organization, int top)
    {
        var query = new BooleanQuery { { new TermQuery(new Term(OrgField, organization)), Occur.MUST } };
        var words = new BooleanQuery();
        foreach (var term in Terms(TextFolding.Fold(question)).Distinct(StringComparer.Ordinal).Take(BooleanQuery.MaxClauseCount - 1))
            words.Add(new TermQuery(new Term(TextField, term)), Occur.SHOULD);
        if (words.Clauses.Count == 0)
            return [];
        query.Add(words, Occur.MUST);
        return _searcher.Search(query, top).ScoreDocs.ToDictionary(d => _questionOfDoc[d.Doc], d => d.Score);
    }

    private List<string> Terms(string text)
    {
        using var stream = _analyzer.GetTokenStream(TextField, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        var terms = new List<string>();
        while (stream.IncrementToken())
            terms.Add(term.ToString());
        stream.End();
        return terms;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }
}
