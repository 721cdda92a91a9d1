using System.Text.Json;
using EthicsBot.Knowledge.Documents;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace EthicsBot.Knowledge.Search.Lucene;

/// <summary>How the embedded search weighs what it finds. The defaults are the measured best (see docs/figures.md, "Clause search").</summary>
public sealed class LuceneTuning
{
    /// <summary>A query term found in the clause's title (IMS heading, IOM section heading) counts this much more.</summary>
    public float TitleBoost { get; set; } = 1.0f;

    /// <summary>Weight of a wording the synonym list adds, relative to the question's own words.</summary>
    public float SynonymWeight { get; set; } = 0.8f;

    /// <summary>Two neighbouring question words found within this many positions of each other get <see cref="ProximityBoost"/>.</summary>
    public int ProximitySlop { get; set; } = 5;

    public float ProximityBoost { get; set; } = 0.5f;

    /// <summary>The whole question's words found together (within <see cref="PhraseSlop"/>) get <see cref="PhraseBoost"/>.</summary>
    public int PhraseSlop { get; set; } = 12;

    public float PhraseBoost { get; set; } = 0.5f;
}

/// <summary>
/// The embedded clause search: a Lucene.NET index (BM25) over title and text, queried with the question's stems, the
/// synonym list's wordings, the title weighted, and proximity and phrase boosts. In memory, or on disk and rebuilt
/// only when the sources change.
/// </summary>
public sealed class LuceneClauseIndex : IClauseSearch, IDisposable
{
    private const string IdField = "id";
    private const string OrgField = "org";
    private const string TitleField = "title";
    private const string TextField = "text";
    private const string ClauseField = "clause";
    private const string FingerprintFile = "fingerprint.txt";

    private readonly LuceneDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly Clause[] _clausesByDoc;
    private readonly SynonymList _synonyms;
    private readonly LuceneTuning _tuning;

    private LuceneClauseIndex(LuceneDirectory directory, SynonymList synonyms, LuceneTuning tuning, bool rebuilt)
    {
        _directory = directory;
        _synonyms = synonyms;
        _tuning = tuning;
        _reader = DirectoryReader.Open(directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
        _clausesByDoc = new Clause[_reader.MaxDoc];
        for (var doc = 0; doc < _reader.MaxDoc; doc++)
            _clausesByDoc[doc] = JsonSerializer.Deserialize<Clause>(_reader.Document(doc).Get(ClauseField))!;
        WasRebuilt = rebuilt;
    }

    public int ClauseCount => _clausesByDoc.Length;

    /// <summary>True when this instance built the index; false when it opened an up-to-date one from disk.</summary>
    public bool WasRebuilt { get; }

    public IReadOnlyList<string> Organizations => _clausesByDoc.Select(c => c.Organization).Distinct().Order(StringComparer.Ordinal).ToList();

    public static LuceneClauseIndex BuildInMemory(IReadOnlyCollection<Clause> clauses, SynonymList synonyms, LuceneTuning? tuning = null)
    {
        var directory = new RAMDirectory();
        Write(directory, clauses);
        return new LuceneClauseIndex(directory, synonyms, tuning ?? new LuceneTuning(), rebuilt: true);
    }

    /// <summary>
    /// Opens the index kept at <paramref name="indexPath"/> when it was built from sources with this
    /// <paramref name="fingerprint"/>; otherwise loads the clauses, builds a new index beside it and swaps it in,
    /// so a failed or interrupted build never leaves an empty or half-built index in place.
    /// </summary>
    public static LuceneClauseIndex OpenOrBuild(string indexPath, string fingerprint, Func<IReadOnlyCollection<Clause>> loadClauses,
        SynonymList synonyms, LuceneTuning? tuning = null, bool forceRebuild = false)
    {
        ArgumentNullException.ThrowIfNull(loadClauses);
        var fingerprintPath = Path.Combine(indexPath, FingerprintFile);
        if (!forceRebuild && File.Exists(fingerprintPath) && File.ReadAllText(fingerprintPath) == fingerprint)
            return new LuceneClauseIndex(FSDirectory.Open(indexPath), synonyms, tuning ?? new LuceneTuning(), rebuilt: false);

        var clauses = loadClauses();
        var parent = Path.GetDirectoryName(Path.GetFullPath(indexPath))!;
        System.IO.Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(indexPath)}.building-{Guid.NewGuid():N}");
        using (var stagingDirectory = FSDirectory.Open(staging))
            Write(stagingDirectory, clauses);
        File.WriteAllText(Path.Combine(staging, FingerprintFile), fingerprint);

        var retired = indexPath + $".old-{Guid.NewGuid():N}";
        if (System.IO.Directory.Exists(indexPath))
            System.IO.Directory.Move(indexPath, retired);
        System.IO.Directory.Move(staging, indexPath);
        if (System.IO.Directory.Exists(retired))
            System.IO.Directory.Delete(retired, recursive: true);
        return new LuceneClauseIndex(FSDirectory.Open(indexPath), synonyms, tuning ?? new LuceneTuning(), rebuilt: true);
    }

    private static void Write(LuceneDirectory directory, IReadOnlyCollection<Clause> clauses)
    {
        if (clauses.Count == 0)
            throw new KnowledgeException("index", "there are no clauses to index");
        var config = new IndexWriterConfig(TextAnalysis.Version, TextAnalysis.Analyzer)
        {
            OpenMode = OpenMode.CREATE,
            Similarity = new BM25Similarity(),
        };
        using var writer = new IndexWriter(directory, config);
        foreach (var clause in clauses.Where(c => !c.IsHeadingOnly))
        {
            writer.AddDocument(new Document
            {
                new StringField(IdField, clause.Id, Field.Store.NO),
                new StringField(OrgField, clause.Organization, Field.Store.NO),
                new TextField(TitleField, clause.Title, Field.Store.NO),
                new TextField(TextField, clause.Text, Field.Store.NO),
                new StoredField(ClauseField, JsonSerializer.Serialize(clause)),
            });
        }
        writer.Commit();
    }

    public Task<IReadOnlyList<ClauseHit>> SearchAsync(ClauseQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        return Task.FromResult(Search(query));
    }

    /// <summary>The synchronous search behind <see cref="SearchAsync"/>; Lucene does no I/O worth awaiting here.</summary>
    public IReadOnlyList<ClauseHit> Search(ClauseQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var plan = QueryPlan.Create(query.Text, _synonyms, _tuning.SynonymWeight);
        if (plan.IsEmpty)
            return [];
        var filter = new QueryWrapperFilter(new TermQuery(new Term(OrgField, query.Organization)));
        var top = _searcher.Search(BuildQuery(plan), filter, query.Top);
        var weights = plan.TermWeights();
        return top.ScoreDocs
            .Select(d => _clausesByDoc[d.Doc])
            .Zip(top.ScoreDocs, (clause, d) => new ClauseHit(clause, d.Score, query.WithSentences ? SentencePicker.Pick(clause.Text, weights) : []))
            .ToList();
    }

    internal Query BuildQuery(QueryPlan plan)
    {
        var query = new BooleanQuery();
        foreach (var term in plan.Terms.Distinct())
            query.Add(TermInFields(term, 1f), Occur.SHOULD);
        foreach (var expansion in plan.Expansions)
        {
            if (expansion.Terms.Count == 1)
            {
                query.Add(TermInFields(expansion.Terms[0], expansion.Weight), Occur.SHOULD);
                continue;
            }
            // A multi-word wording counts fully only as a phrase; its single words count a little.
            var phrase = new BooleanQuery
            {
                { Phrase(TextField, expansion.Terms, 1, expansion.Weight), Occur.SHOULD },
                { Phrase(TitleField, expansion.Terms, 1, expansion.Weight * _tuning.TitleBoost), Occur.SHOULD },
            };
            query.Add(phrase, Occur.SHOULD);
            foreach (var term in expansion.Terms)
                query.Add(TermInFields(term, expansion.Weight * 0.3f), Occur.SHOULD);
        }
        for (var i = 0; i + 1 < plan.Terms.Count; i++)
            query.Add(Phrase(TextField, [plan.Terms[i], plan.Terms[i + 1]], _tuning.ProximitySlop, _tuning.ProximityBoost), Occur.SHOULD);
        if (plan.Terms.Count > 2)
            query.Add(Phrase(TextField, plan.Terms, _tuning.PhraseSlop, _tuning.PhraseBoost), Occur.SHOULD);
        return query;
    }

    private BooleanQuery TermInFields(string term, float weight) => new()
    {
        { new TermQuery(new Term(TextField, term)) { Boost = weight }, Occur.SHOULD },
        { new TermQuery(new Term(TitleField, term)) { Boost = weight * _tuning.TitleBoost }, Occur.SHOULD },
    };

    private static PhraseQuery Phrase(string field, IReadOnlyList<string> terms, int slop, float boost)
    {
        var phrase = new PhraseQuery { Slop = slop, Boost = boost };
        foreach (var term in terms)
            phrase.Add(new Term(field, term));
        return phrase;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }
}
