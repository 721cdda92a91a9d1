using EthicsBot.Knowledge.Documents;
using EthicsBot.Knowledge.Search;
using EthicsBot.Knowledge.Search.Azure;

namespace EthicsBot.Knowledge.Tests.Search.Azure;

internal static class LoopbackAzure
{
    public static AzureSearchIndex Create(FakeSearchService service, string key = FakeSearchService.ApiKey, bool semantic = false) =>
        new(new AzureSearchOptions { Endpoint = service.Endpoint.ToString(), ApiKey = key, UseSemanticRanker = semantic },
            Repo.Sources.LoadSynonyms(),
            service.ClientOptions());
}

/// <summary>The shared contract, run against the Azure provider talking to the loopback service.</summary>
public sealed class AzureContractTests : ClauseSearchContract, IAsyncLifetime
{
    private FakeSearchService _service = null!;

    public async Task InitializeAsync() => _service = await FakeSearchService.StartAsync();

    public async Task DisposeAsync() => await _service.DisposeAsync();

    protected override async Task<IClauseSearch> CreateAsync(IReadOnlyCollection<Clause> clauses)
    {
        var index = LoopbackAzure.Create(_service);
        await index.IngestAsync(clauses);
        return index;
    }
}

/// <summary>Runs only when AZURE_SEARCH_ENDPOINT is set: then the test is real, otherwise it is reported as skipped with the reason.</summary>
public sealed class LiveAzureSearchFactAttribute : FactAttribute
{
    public LiveAzureSearchFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("AZURE_SEARCH_ENDPOINT")))
            Skip = "live Azure AI Search test: set AZURE_SEARCH_ENDPOINT (and AZURE_SEARCH_API_KEY, or sign in) to run it";
    }
}

public sealed class AzureLiveTests
{
    [LiveAzureSearchFact]
    public async Task The_contract_holds_against_the_real_service()
    {
        var contract = new LiveContract();
        var checks = typeof(ClauseSearchContract).GetMethods()
            .Where(m => m.GetCustomAttributes(typeof(FactAttribute), inherit: true).Length > 0 && m.GetParameters().Length == 0);
        foreach (var check in checks)
            await (Task)check.Invoke(contract, null)!;
    }

    private sealed class LiveContract : ClauseSearchContract
    {
        protected override async Task<IClauseSearch> CreateAsync(IReadOnlyCollection<Clause> clauses)
        {
            var index = new AzureSearchIndex(new AzureSearchOptions
            {
                Endpoint = Environment.GetEnvironmentVariable("AZURE_SEARCH_ENDPOINT")!,
                ApiKey = Environment.GetEnvironmentVariable("AZURE_SEARCH_API_KEY"),
                IndexName = "ethicsbot-contract-tests",
                SynonymMapName = "ethicsbot-contract-tests",
            }, Repo.Sources.LoadSynonyms());
            await index.IngestAsync(clauses);
            await Task.Delay(TimeSpan.FromSeconds(2)); // the service makes uploads searchable within a second or two
            return index;
        }
    }
}

public sealed class AzureSearchIndexTests : IAsyncLifetime
{
    private FakeSearchService _service = null!;

    public async Task InitializeAsync() => _service = await FakeSearchService.StartAsync();

    public async Task DisposeAsync() => await _service.DisposeAsync();

    private FakeSearchService.Recorded Single(string method, string pathEnd) =>
        Assert.Single(_service.Requests, r => r.Method == method && r.Path.EndsWith(pathEnd, StringComparison.Ordinal));

    // Ingestion lists the index's keys with a search of its own; the query's request is the last one.
    private FakeSearchService.Recorded LastSearch() =>
        _service.Requests.Last(r => r.Method == "POST" && r.Path == "/indexes('ethics-clauses')/docs/search.post.search");

    [Fact]
    public async Task Ingest_sends_the_synonym_map_the_index_definition_and_every_clause()
    {
        var count = await LoopbackAzure.Create(_service).IngestAsync(Repo.Clauses);

        var searchable = Repo.Clauses.Count(c => !c.IsHeadingOnly);
        Assert.Equal(Repo.Clauses.Count - 1, searchable); // IOM 5.0 is only a heading
        Assert.Equal(searchable, count);
        Assert.All(_service.Requests, r => Assert.Equal(FakeSearchService.ApiKey, r.ApiKeyHeader));
        Assert.All(_service.Requests, r => Assert.Contains("api-version=", r.Query, StringComparison.Ordinal));

        var synonyms = Single("PUT", "/synonymmaps('ethics-synonyms')").Body!;
        Assert.Equal("ethics-synonyms", synonyms["name"]!.GetValue<string>());
        Assert.Equal("solr", synonyms["format"]!.GetValue<string>());
        Assert.Equal(string.Join("\n", Repo.Sources.LoadSynonyms().SolrLines), synonyms["synonyms"]!.GetValue<string>());

        var index = Single("PUT", "/indexes('ethics-clauses')").Body!;
        var fields = index["fields"]!.AsArray().ToDictionary(f => f!["name"]!.GetValue<string>(), f => f!.AsObject());
        Assert.Equal(["key", "id", "organization", "number", "title", "text", "links", "documentTitle", "order"], fields.Keys);
        Assert.True(fields["key"]["key"]!.GetValue<bool>());
        Assert.True(fields["organization"]["filterable"]!.GetValue<bool>());
        foreach (var field in new[] { "title", "text" })
        {
            Assert.Equal("en.lucene", fields[field]["analyzer"]!.GetValue<string>());
            Assert.Equal(["ethics-synonyms"], fields[field]["synonymMaps"]!.AsArray().Select(n => n!.GetValue<string>()));
        }
        Assert.Equal("Collection(Edm.String)", fields["links"]["type"]!.GetValue<string>());
        Assert.Equal("title-weighted", index["defaultScoringProfile"]!.GetValue<string>());
        Assert.Equal(2.0, index["scoringProfiles"]![0]!["text"]!["weights"]!["title"]!.GetValue<double>());
        var semantic = index["semantic"]!["configurations"]![0]!;
        Assert.Equal("clauses", semantic["name"]!.GetValue<string>());
        Assert.Equal("title", semantic["prioritizedFields"]!["titleField"]!["fieldName"]!.GetValue<string>());

        var upload = _service.Requests.First(r => r.Path.EndsWith("/docs/search.index", StringComparison.Ordinal)).Body!["value"]!.AsArray();
        Assert.Equal(searchable, upload.Count);
        Assert.DoesNotContain(upload, d => d!["id"]!.GetValue<string>() == "iom-5.0");
        var gift = upload.Single(d => d!["id"]!.GetValue<string>() == "iom-5.49")!;
        Assert.Equal("mergeOrUpload", gift["@search.action"]!.GetValue<string>());
        Assert.Equal("iom-5_49", gift["key"]!.GetValue<string>());
        Assert.Equal("Gifts, honours and remuneration from outside sources", gift["title"]!.GetValue<string>());
        Assert.Equal(searchable, _service.Documents.Count);
    }

    /// <summary>A stand-in encoder: a fixed vector per text (its length and first letter), enough to see what is sent.</summary>
    private sealed class TinyEncoder : Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>
    {
        public Task<Microsoft.Extensions.AI.GeneratedEmbeddings<Microsoft.Extensions.AI.Embedding<float>>> GenerateAsync(IEnumerable<string> values,
            Microsoft.Extensions.AI.EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new Microsoft.Extensions.AI.GeneratedEmbeddings<Microsoft.Extensions.AI.Embedding<float>>(
                values.Select(v => new Microsoft.Extensions.AI.Embedding<float>(new float[] { v.Length, v[0], 1, 0 }))));

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    [Fact]
    public async Task With_vectors_the_index_has_a_vector_field_documents_carry_vectors_and_a_search_is_hybrid()
    {
        var index = new AzureSearchIndex(new AzureSearchOptions { Endpoint = _service.Endpoint.ToString(), ApiKey = FakeSearchService.ApiKey },
            Repo.Sources.LoadSynonyms(), _service.ClientOptions()).WithVectors(new TinyEncoder(), 4);

        await index.IngestAsync(Repo.Clauses);
        await index.SearchAsync(new ClauseQuery("Can I accept a gift?", "iom", 5) { Vector = [0.5f, 0.5f, 0.5f, 0.5f] });

        var definition = _service.Requests.Single(r => r.Method == "PUT" && r.Path.StartsWith("/indexes('", StringComparison.Ordinal)).Body!;
        var vectorField = definition["fields"]!.AsArray().Single(f => (string?)f!["name"] == AzureSearchIndex.VectorField)!;
        Assert.Equal("Collection(Edm.Single)", (string?)vectorField["type"]);
        Assert.Equal(4, (int?)vectorField["dimensions"]);
        Assert.Equal("cosine", (string?)definition["vectorSearch"]!["algorithms"]![0]!["hnswParameters"]!["metric"]);
        var gift = _service.Requests.Where(r => r.Path.EndsWith("/docs/search.index", StringComparison.Ordinal))
            .SelectMany(r => r.Body!["value"]!.AsArray()).Single(d => (string?)d!["id"] == "iom-5.49")!;
        Assert.Equal(4, gift[AzureSearchIndex.VectorField]!.AsArray().Count);
        var search = _service.Requests.Last(r => r.Path.EndsWith("/docs/search.post.search", StringComparison.Ordinal)).Body!;
        var vectorQuery = search["vectorQueries"]![0]!;
        Assert.Equal("vector", (string?)vectorQuery["kind"]);
        Assert.Equal(AzureSearchIndex.VectorField, (string?)vectorQuery["fields"]);
        Assert.Equal([0.5f, 0.5f, 0.5f, 0.5f], vectorQuery["vector"]!.AsArray().Select(v => v!.GetValue<float>()));
        Assert.Equal("Can I accept a gift", (string?)search["search"]);
    }

    [Fact]
    public async Task Upsert_and_delete_touch_only_the_documents_named_after_creating_the_index_once()
    {
        var index = new AzureSearchIndex(new AzureSearchOptions { Endpoint = _service.Endpoint.ToString(), ApiKey = FakeSearchService.ApiKey, IndexName = "ethics-faq" },
            Repo.Sources.LoadSynonyms(), _service.ClientOptions());
        var entry = new Clause("faq-iom-a1", "iom", "FAQ", "Can I keep a pen from a supplier?", "Can I keep a pen from a supplier? Yes, if you declare it.", [], "Ethics office FAQ", 0);

        await index.UpsertAsync([entry]);
        await index.UpsertAsync([entry with { Id = "faq-iom-b2" }]);
        await index.DeleteAsync(["faq-iom-a1"]);

        var requests = _service.Requests.ToList();
        Assert.Single(requests, r => r.Method == "PUT" && r.Path.StartsWith("/indexes('ethics-faq')", StringComparison.Ordinal));
        Assert.Single(requests, r => r.Method == "PUT" && r.Path.StartsWith("/synonymmaps('", StringComparison.Ordinal));
        var batches = requests.Where(r => r.Path == "/indexes('ethics-faq')/docs/search.index").Select(r => r.Body!["value"]!.AsArray()).ToList();
        Assert.Equal(3, batches.Count);
        Assert.Equal("mergeOrUpload", (string?)batches[0][0]!["@search.action"]);
        Assert.Equal("faq-iom-a1", (string?)batches[0][0]!["key"]);
        Assert.Equal("Can I keep a pen from a supplier?", (string?)batches[0][0]!["title"]);
        Assert.Equal("delete", (string?)batches[2][0]!["@search.action"]);
        Assert.Equal(["faq-iom-b2"], _service.Documents.Select(d => (string?)d["key"]));
    }

    [Fact]
    public async Task Ingest_removes_documents_of_clauses_that_no_longer_exist()
    {
        var index = LoopbackAzure.Create(_service);
        await index.IngestAsync(Repo.Clauses);

        await index.IngestAsync(Repo.Clauses.Where(c => c.Id != "iom-5.54").ToList());

        Assert.DoesNotContain(_service.Documents, d => d["id"]!.GetValue<string>() == "iom-5.54");
        Assert.Equal(Repo.Clauses.Count(c => !c.IsHeadingOnly) - 1, _service.Documents.Count);
        var delete = _service.Requests.Last(r => r.Path.EndsWith("/docs/search.index", StringComparison.Ordinal)).Body!["value"]!.AsArray();
        Assert.Equal([("delete", "iom-5_54")], delete.Select(d => (d!["@search.action"]!.GetValue<string>(), d["key"]!.GetValue<string>())));
    }

    [Fact]
    public async Task A_query_is_filtered_by_an_escaped_organisation_and_its_operators_blanked()
    {
        var index = LoopbackAzure.Create(_service);
        await index.IngestAsync(Repo.Clauses);

        var hits = await index.SearchAsync(new ClauseQuery("Can I accept a \"gift\" -from (a) supplier*?", "iom", 3));

        var body = LastSearch().Body!;
        Assert.Equal("organization eq 'iom'", body["filter"]!.GetValue<string>());
        Assert.Equal("Can I accept a gift from a supplier", body["search"]!.GetValue<string>());
        Assert.Equal(3, body["top"]!.GetValue<int>());
        Assert.Equal("any", body["searchMode"]!.GetValue<string>());
        Assert.Equal("simple", body["queryType"]!.GetValue<string>());
        Assert.Null(body["semanticConfiguration"]);
        Assert.All(hits, h => Assert.Equal("iom", h.Clause.Organization));
        Assert.Contains(hits, h => h.Clause.Id == "iom-5.49");
    }

    [Fact]
    public async Task The_semantic_ranker_is_asked_for_when_enabled()
    {
        var index = LoopbackAzure.Create(_service, semantic: true);
        await index.IngestAsync(Repo.Clauses);

        await index.SearchAsync(new ClauseQuery("gift", "ims", 3));

        var body = LastSearch().Body!;
        Assert.Equal("semantic", body["queryType"]!.GetValue<string>());
        Assert.Equal("clauses", body["semanticConfiguration"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_refused_key_surfaces_as_a_request_failure_not_an_empty_result()
    {
        var index = LoopbackAzure.Create(_service, key: "wrong");

        var e = await Assert.ThrowsAsync<global::Azure.RequestFailedException>(() => index.SearchAsync(new ClauseQuery("gift", "iom")));

        Assert.Equal(403, e.Status);
    }

    [Theory]
    [InlineData("ftp://search.example", "Search:Azure:Endpoint")]
    [InlineData("", "Search:Azure:Endpoint")]
    public void Bad_settings_name_their_key(string endpoint, string key)
    {
        var e = Assert.Throws<ArgumentException>(() => new AzureSearchIndex(new AzureSearchOptions { Endpoint = endpoint }, SynonymList.Empty));
        Assert.Contains(key, e.Message, StringComparison.Ordinal);
        Assert.Contains(key, new AzureSearchOptions { Endpoint = endpoint, IndexName = "Bad Name" }.Problems()[0], StringComparison.Ordinal);
        Assert.Contains("Search:Azure:IndexName", string.Join(" ", new AzureSearchOptions { Endpoint = endpoint, IndexName = "Bad Name" }.Problems()), StringComparison.Ordinal);
    }
}
