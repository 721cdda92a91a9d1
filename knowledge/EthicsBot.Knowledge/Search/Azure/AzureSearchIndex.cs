using Azure;
using Azure.Core;
using Azure.Search.Documents;
using Azure.Search.Documents.Indexes;
using Azure.Search.Documents.Indexes.Models;
using Azure.Search.Documents.Models;
using EthicsBot.Knowledge.Documents;
using Microsoft.Extensions.AI;

namespace EthicsBot.Knowledge.Search.Azure;

/// <summary>
/// The Azure AI Search provider: the index definition (English Lucene analyzer, the synonym map built from the same
/// synonym list, a title-weighted scoring profile, a semantic configuration), ingestion, and queries filtered by
/// organisation.
/// </summary>
public sealed class AzureSearchIndex : IClauseSearch
{
    private const int UploadBatchSize = 500;
    private const string ScoringProfile = "title-weighted";

    private readonly AzureSearchOptions _options;
    private readonly SynonymList _synonyms;
    private readonly SearchIndexClient _indexClient;
    private readonly SearchClient _searchClient;

    /// <summary>The vector field and its search profile (present when an encoder is given).</summary>
    public const string VectorField = "contentVector";
    private const string VectorProfile = "clause-vectors";
    private const string VectorAlgorithm = "clause-hnsw";

    private IEmbeddingGenerator<string, Embedding<float>>? _encoder;
    private int _dimensions;

    /// <summary>
    /// Gives the index a vector field of the encoder's sentence vectors: documents carry the vector of their title and
    /// text, and a search sends the question's vector beside its words (a hybrid query, then the semantic ranker).
    /// </summary>
    public AzureSearchIndex WithVectors(IEmbeddingGenerator<string, Embedding<float>> encoder, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 2);
        _encoder = encoder;
        _dimensions = dimensions;
        return this;
    }

    /// <summary>
    /// The index on the service: reached with <see cref="AzureSearchOptions.ApiKey"/> when it is set, otherwise with
    /// <paramref name="credential"/> (the app's one Azure credential; this class never picks one itself).
    /// </summary>
    public AzureSearchIndex(AzureSearchOptions options, SynonymList synonyms, SearchClientOptions? clientOptions = null, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        if (problems.Count > 0)
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        _options = options;
        _synonyms = synonyms;
        var endpoint = new Uri(options.Endpoint);
        clientOptions ??= new SearchClientOptions();
        if (!string.IsNullOrWhiteSpace(options.ApiKey))
            _indexClient = new SearchIndexClient(endpoint, new AzureKeyCredential(options.ApiKey), clientOptions);
        else if (credential is not null)
            _indexClient = new SearchIndexClient(endpoint, credential, clientOptions);
        else
            throw new ArgumentException($"{AzureSearchOptions.Section}:ApiKey is empty and no Azure credential was given.", nameof(credential));
        _searchClient = _indexClient.GetSearchClient(options.IndexName);
    }

    public SearchIndex IndexDefinition()
    {
        var index = new SearchIndex(_options.IndexName)
        {
            Fields =
            {
                new SimpleField("key", SearchFieldDataType.String) { IsKey = true },
                new SimpleField("id", SearchFieldDataType.String) { IsFilterable = true },
                new SimpleField("organization", SearchFieldDataType.String) { IsFilterable = true, IsFacetable = true },
                new SimpleField("number", SearchFieldDataType.String),
                Searchable("title"),
                Searchable("text"),
                new SimpleField("links", SearchFieldDataType.Collection(SearchFieldDataType.String)),
                new SimpleField("documentTitle", SearchFieldDataType.String),
                new SimpleField("order", SearchFieldDataType.Int32) { IsSortable = true },
            },
            ScoringProfiles =
            {
                new ScoringProfile(ScoringProfile)
                {
                    TextWeights = new TextWeights(new Dictionary<string, double> { ["title"] = 2.0, ["text"] = 1.0 }),
                },
            },
            DefaultScoringProfile = ScoringProfile,
            SemanticSearch = new SemanticSearch
            {
                Configurations =
                {
                    new SemanticConfiguration(_options.SemanticConfigurationName, new SemanticPrioritizedFields
                    {
                        TitleField = new SemanticField("title"),
                        ContentFields = { new SemanticField("text") },
                    }),
                },
            },
        };
        if (_encoder is not null)
        {
            index.Fields.Add(new VectorSearchField(VectorField, _dimensions, VectorProfile) { IsHidden = true });
            index.VectorSearch = new VectorSearch
            {
                Profiles = { new VectorSearchProfile(VectorProfile, VectorAlgorithm) },
                Algorithms = { new HnswAlgorithmConfiguration(VectorAlgorithm) { Parameters = new HnswParameters { Metric = VectorSearchAlgorithmMetric.Cosine } } },
            };
        }
        return index;
    }

    /// <summary>The documents of these clauses, with their vectors when the index has a vector field.</summary>
    private async Task<List<ClauseDocument>> DocumentsAsync(IEnumerable<Clause> clauses, CancellationToken cancellationToken)
    {
        var list = clauses.ToList();
        var documents = list.Select(ClauseDocument.From).ToList();
        if (_encoder is null || list.Count == 0)
            return documents;
        var vectors = await _encoder.GenerateAsync(list.Select(ClauseDocument.VectorText), cancellationToken: cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < documents.Count; i++)
            documents[i].ContentVector = vectors[i].Vector.ToArray();
        return documents;
    }

    private SearchableField Searchable(string name)
    {
        var field = new SearchableField(name) { AnalyzerName = LexicalAnalyzerName.EnLucene };
        field.SynonymMapNames.Add(_options.SynonymMapName);
        return field;
    }

    /// <summary>
    /// Creates or updates the synonym map and the index, uploads every clause and removes documents of clauses that
    /// no longer exist. The clauses are parsed before this is called, so a bad source never reaches the index.
    /// </summary>
    public async Task<int> IngestAsync(IReadOnlyCollection<Clause> clauses, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clauses);
        if (clauses.Count == 0)
            throw new KnowledgeException(_options.IndexName, "there are no clauses to upload");
        await _indexClient.CreateOrUpdateSynonymMapAsync(
            new SynonymMap(_options.SynonymMapName, string.Join("\n", _synonyms.SolrLines)), cancellationToken: cancellationToken).ConfigureAwait(false);
        await _indexClient.CreateOrUpdateIndexAsync(IndexDefinition(), cancellationToken: cancellationToken).ConfigureAwait(false);

        var documents = await DocumentsAsync(clauses.Where(c => !c.IsHeadingOnly), cancellationToken).ConfigureAwait(false);
        foreach (var batch in documents.Chunk(UploadBatchSize))
            await IndexBatchAsync(IndexDocumentsBatch.MergeOrUpload(batch), cancellationToken).ConfigureAwait(false);

        var current = documents.Select(d => d.Key).ToHashSet(StringComparer.Ordinal);
        var stale = new List<string>();
        var all = await _searchClient.SearchAsync<ClauseDocument>("*", new SearchOptions { Select = { "key" }, Size = 1000 }, cancellationToken).ConfigureAwait(false);
        await foreach (var result in all.Value.GetResultsAsync().ConfigureAwait(false))
            if (!current.Contains(result.Document.Key))
                stale.Add(result.Document.Key);
        if (stale.Count > 0)
            await IndexBatchAsync(IndexDocumentsBatch.Delete("key", stale), cancellationToken).ConfigureAwait(false);
        return documents.Count;
    }

    /// <summary>
    /// Uploads (or replaces) these documents without touching the others — e.g. an ethics office FAQ entry the moment
    /// it is published. The synonym map and the index are created first if this instance has not done so yet.
    /// </summary>
    public async Task UpsertAsync(IReadOnlyCollection<Clause> clauses, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clauses);
        await EnsureIndexAsync(cancellationToken).ConfigureAwait(false);
        if (clauses.Count > 0)
            await IndexBatchAsync(IndexDocumentsBatch.MergeOrUpload(await DocumentsAsync(clauses, cancellationToken).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the documents of these clause ids (e.g. a withdrawn FAQ entry).</summary>
    public async Task DeleteAsync(IReadOnlyCollection<string> clauseIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clauseIds);
        await EnsureIndexAsync(cancellationToken).ConfigureAwait(false);
        if (clauseIds.Count > 0)
            await IndexBatchAsync(IndexDocumentsBatch.Delete("key", clauseIds.Select(ClauseDocument.KeyFor)), cancellationToken).ConfigureAwait(false);
    }

    private Task? _ensured;

    private Task EnsureIndexAsync(CancellationToken cancellationToken)
    {
        var ensured = _ensured;
        if (ensured is { IsCompletedSuccessfully: true })
            return ensured;
        return _ensured = CreateAsync();

        async Task CreateAsync()
        {
            await _indexClient.CreateOrUpdateSynonymMapAsync(
                new SynonymMap(_options.SynonymMapName, string.Join("\n", _synonyms.SolrLines)), cancellationToken: cancellationToken).ConfigureAwait(false);
            await _indexClient.CreateOrUpdateIndexAsync(IndexDefinition(), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task IndexBatchAsync<T>(IndexDocumentsBatch<T> batch, CancellationToken cancellationToken)
    {
        var response = await _searchClient.IndexDocumentsAsync(batch, new IndexDocumentsOptions { ThrowOnAnyError = false }, cancellationToken).ConfigureAwait(false);
        var failed = response.Value.Results.Where(r => !r.Succeeded).ToList();
        if (failed.Count > 0)
            throw new KnowledgeException(_options.IndexName,
                $"{failed.Count} document(s) were refused, e.g. {failed[0].Key}: {failed[0].ErrorMessage} (status {failed[0].Status})");
    }

    public async Task<IReadOnlyList<ClauseHit>> SearchAsync(ClauseQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var plan = QueryPlan.Create(query.Text, _synonyms, 1f);
        if (plan.IsEmpty)
            return [];
        var options = new SearchOptions
        {
            // SearchFilter.Create quotes and escapes the value: the organisation never becomes filter syntax.
            Filter = SearchFilter.Create($"organization eq {query.Organization}"),
            Size = query.Top,
            SearchMode = SearchMode.Any,
            QueryType = SearchQueryType.Simple,
        };
        if (_encoder is not null)
        {
            // Hybrid: the words and the question's vector, fused by the service (then reranked when configured).
            var vector = query.Vector ?? (await _encoder.GenerateVectorAsync(query.Text, cancellationToken: cancellationToken).ConfigureAwait(false)).ToArray();
            options.VectorSearch = new VectorSearchOptions { Queries = { new VectorizedQuery(vector) { KNearestNeighborsCount = query.Top, Fields = { VectorField } } } };
        }
        if (_options.UseSemanticRanker)
        {
            options.QueryType = SearchQueryType.Semantic;
            options.SemanticSearch = new SemanticSearchOptions { SemanticConfigurationName = _options.SemanticConfigurationName };
        }
        var response = await _searchClient.SearchAsync<ClauseDocument>(SimpleQueryText(query.Text), options, cancellationToken).ConfigureAwait(false);
        var weights = plan.TermWeights();
        var hits = new List<ClauseHit>();
        await foreach (var result in response.Value.GetResultsAsync().ConfigureAwait(false))
        {
            var clause = result.Document.ToClause();
            var score = result.SemanticSearch?.RerankerScore ?? result.Score ?? 0;
            hits.Add(new ClauseHit(clause, score, query.WithSentences ? SentencePicker.Pick(clause.Text, weights) : []));
            if (hits.Count == query.Top)
                break;
        }
        return hits;
    }

    /// <summary>The question as plain words: the simple query syntax's operators (+ - | " * ( ) …) are blanked out.</summary>
    public static string SimpleQueryText(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var chars = question.Select(c => "+-&|!(){}[]^\"~*?:\\/".Contains(c, StringComparison.Ordinal) ? ' ' : c).ToArray();
        return string.Join(' ', new string(chars).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
