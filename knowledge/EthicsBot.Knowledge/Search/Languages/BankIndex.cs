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
/// folded text weighed by how rare each is in the bank (TF-IDF over <see cref="NgramFeatures"/>), question to question;
/// and BM25 over the bank's words, stemmed by Lucene.NET's analyzer for the language. Everyday office questions in the
/// language sit beside the bank: a question closer to them than to any clause's is less likely one the Code covers.
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
    private readonly Dictionary<int, float> _idf = [];
    private readonly float _unseenIdf;
    private readonly Dictionary<int, List<(int Doc, float Weight)>> _postings = [];

    /// <summary>The bank's questions first (0 … Questions.Count-1), then the everyday ones.</summary>
    private readonly SparseVector[] _vectors;

    public BankIndex(string language, IReadOnlyList<(Clause Clause, string Question)> own, IReadOnlyList<(Clause Clause, string Question)> others, IReadOnlyList<string> everyday)
    {
        Language = language;
        OwnCount = own.Count;
        IReadOnlyList<(Clause Clause, string Question)> questions = [.. own, .. others];
        Questions = questions;
        _everyday = everyday;
        _analyzer = LanguageAnalyzers.For(language);
        var texts = questions.Select(q => q.Question).Concat(everyday).ToList();
        var raw = texts.Select(t => NgramFeatures.Of(t, Bits)).ToList();
        _unseenIdf = (float)(Math.Log(texts.Count + 1.0) + 1);
        foreach (var bucket in raw.SelectMany(v => v.Indices.Distinct()).GroupBy(b => b))
            _idf[bucket.Key] = (float)(Math.Log((texts.Count + 1.0) / (bucket.Count() + 1.0)) + 1);
        _vectors = [.. raw.Select(Weighted)];
        for (var doc = 0; doc < _vectors.Length; doc++)
            for (var k = 0; k < _vectors[doc].Indices.Length; k++)
                (_postings.TryGetValue(_vectors[doc].Indices[k], out var list) ? list : _postings[_vectors[doc].Indices[k]] = []).Add((doc, _vectors[doc].Values[k]));
        _sums = questions.Select((q, i) => (q.Clause.Id, i)).GroupBy(q => q.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Sum(g.Select(q => _vectors[q.i])), StringComparer.Ordinal);
        using (var writer = new IndexWriter(_directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, _analyzer) { Similarity = new BM25Similarity() }))
        {
            for (var i = 0; i < questions.Count; i++)
                writer.AddDocument([new StoredField(DocField, i), new StringField(OrgField, questions[i].Clause.Organization, Field.Store.NO),
                    new TextField(TextField, TextFolding.Fold(questions[i].Question), Field.Store.NO)]);
            writer.Commit();
        }
        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
    }

    public string Language { get; }

    public IReadOnlyList<(Clause Clause, string Question)> Questions { get; }

    private readonly IReadOnlyList<string> _everyday;

    public int EverydayCount => _everyday.Count;

    /// <summary>The language's own questions come first in <see cref="Questions"/>; the other languages' follow.</summary>
    public int OwnCount { get; }

    public string EverydayQuestion(int index) => _everyday[index];

    /// <summary>The question's n-grams weighed by their rarity in this bank, at unit length.</summary>
    public SparseVector Weighted(string text) => Weighted(NgramFeatures.Of(text, Bits));

    private SparseVector Weighted(SparseVector counts)
    {
        var values = new float[counts.Values.Length];
        double norm = 0;
        for (var k = 0; k < values.Length; k++)
        {
            values[k] = counts.Values[k] * _idf.GetValueOrDefault(counts.Indices[k], _unseenIdf);
            norm += values[k] * values[k];
        }
        if (norm > 0)
            for (var k = 0; k < values.Length; k++)
                values[k] /= (float)Math.Sqrt(norm);
        return new SparseVector(counts.Indices, values);
    }

    /// <summary>Each clause's bank questions summed (what staff ask of it, in one vector), with its squared length.</summary>
    private readonly Dictionary<string, (Dictionary<int, float> Sum, double Norm2)> _sums;

    private static (Dictionary<int, float>, double) Sum(IEnumerable<SparseVector> vectors)
    {
        var sum = new Dictionary<int, float>();
        foreach (var v in vectors)
            for (var k = 0; k < v.Indices.Length; k++)
                sum[v.Indices[k]] = sum.GetValueOrDefault(v.Indices[k]) + v.Values[k];
        return (sum, sum.Values.Sum(x => (double)x * x));
    }

    /// <summary>
    /// The cosine of a question with a clause's centroid (its bank questions summed); <paramref name="held"/>, when it
    /// is one of the clause's, taken out of the sum first.
    /// </summary>
    public double Centroid(SparseVector question, string clause, int held)
    {
        var (sum, norm2) = _sums[clause];
        double dot = 0;
        for (var k = 0; k < question.Indices.Length; k++)
            dot += question.Values[k] * sum.GetValueOrDefault(question.Indices[k]);
        if (held >= 0 && held < Questions.Count && Questions[held].Clause.Id == clause)
        {
            var v = _vectors[held];
            double withSum = 0, withQuestion = 0;
            for (var k = 0; k < v.Indices.Length; k++)
                withSum += v.Values[k] * sum.GetValueOrDefault(v.Indices[k]);
            for (int a = 0, b = 0; a < v.Indices.Length && b < question.Indices.Length;)
            {
                if (v.Indices[a] == question.Indices[b])
                    withQuestion += v.Values[a++] * question.Values[b++];
                else if (v.Indices[a] < question.Indices[b])
                    a++;
                else
                    b++;
            }
            dot -= withQuestion;
            norm2 += 1 - (2 * withSum);
        }
        return norm2 <= 1e-9 ? 0 : dot / Math.Sqrt(norm2);
    }

    /// <summary>The cosine of the question with every bank and everyday question (in the order of <see cref="_vectors"/>).</summary>
    public float[] Similarities(SparseVector question)
    {
        var similarity = new float[_vectors.Length];
        for (var k = 0; k < question.Indices.Length; k++)
            if (_postings.TryGetValue(question.Indices[k], out var list))
                foreach (var (doc, weight) in list)
                    similarity[doc] += weight * question.Values[k];
        return similarity;
    }

    /// <summary>BM25 over the bank questions of one organisation: the best score of each question hit.</summary>
    public Dictionary<int, float> Keyword(string question, string organization, int top)
    {
        var query = new BooleanQuery { { new TermQuery(new Term(OrgField, organization)), Occur.MUST } };
        var words = new BooleanQuery();
        foreach (var term in Terms(TextFolding.Fold(question)).Distinct(StringComparer.Ordinal).Take(BooleanQuery.MaxClauseCount - 1))
            words.Add(new TermQuery(new Term(TextField, term)), Occur.SHOULD);
        if (words.Clauses.Count == 0)
            return [];
        query.Add(words, Occur.MUST);
        return _searcher.Search(query, top).ScoreDocs.ToDictionary(d => _reader.Document(d.Doc).GetField(DocField).GetInt32Value()!.Value, d => d.Score);
    }

    private IEnumerable<string> Terms(string text)
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
