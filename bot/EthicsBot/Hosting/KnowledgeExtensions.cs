using Azure.Core;
using EthicsBot.Features.Answers;
using EthicsBot.Knowledge;
using EthicsBot.Knowledge.Embeddings;
using EthicsBot.Knowledge.Search;
using EthicsBot.Knowledge.Search.Azure;
using EthicsBot.Knowledge.Search.Languages;
using EthicsBot.Knowledge.Search.Lucene;
using EthicsBot.Knowledge.Search.Semantic;
using EthicsBot.Shared.Knowledge;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace EthicsBot.Hosting;

public static class KnowledgeExtensions
{
    /// <summary>
    /// The Codes and the clause search. The provider is picked from configuration (<c>Search:Provider</c>); bad
    /// settings stop the app at start with a message naming the key.
    /// </summary>
    public static IHostApplicationBuilder AddClauseSearch(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<KnowledgeSettings>().Bind(builder.Configuration.GetSection(KnowledgeSettings.Section));
        services.AddOptions<SearchSettings>().Bind(builder.Configuration.GetSection(SearchSettings.Section))
            .Validate(s => Enum.IsDefined(s.Provider), "Search:Provider must be Lucene or Azure.")
            .ValidateOnStart();
        services.AddOptions<AzureSearchOptions>().Bind(builder.Configuration.GetSection(AzureSearchOptions.Section));
        services.AddSingleton<IValidateOptions<AzureSearchOptions>, AzureSearchOptionsValidator>();
        services.AddOptions<AzureSearchOptions>().ValidateOnStart();

        services.AddSingleton(sp => new KnowledgeSources(sp.GetRequiredService<IOptions<KnowledgeSettings>>().Value.ResolvedPath));
        services.AddSingleton(sp => sp.GetRequiredService<KnowledgeSources>().LoadSynonyms());
        services.AddSingleton(sp => sp.GetRequiredService<KnowledgeSources>().LoadLexicon());
        // The Codes are parsed once, here; the index and the cards both read this list.
        services.AddSingleton(sp => new ClauseCatalog(sp.GetRequiredService<KnowledgeSources>().LoadClauses()));
        services.AddAzureSearchIndexes(builder.Configuration);
        services.AddSingleton(sp =>
        {
            var sources = sp.GetRequiredService<KnowledgeSources>();
            var synonyms = sp.GetRequiredService<SynonymList>();
            var lucene = sp.GetRequiredService<IOptions<SearchSettings>>().Value.Lucene;
            return string.IsNullOrWhiteSpace(lucene.IndexPath)
                ? LuceneClauseIndex.BuildInMemory(sp.GetRequiredService<ClauseCatalog>().All, synonyms, lucene.Tuning)
                : LuceneClauseIndex.OpenOrBuild(lucene.IndexPath, sources.Fingerprint(), () => sp.GetRequiredService<ClauseCatalog>().All, synonyms, lucene.Tuning);
        });
        // The sentence encoder, loaded once: the report screen and the search by meaning share it.
        services.TryAddSentenceEncoder();
        // The question bank, read and checked once: its questions are encoded with the Codes, its answers pick the quote.
        services.AddSingleton(sp => LoadBank(sp.GetRequiredService<ClauseCatalog>(), sp.GetRequiredService<IOptions<KnowledgeSettings>>().Value));
        services.AddSingleton(sp => LoadVectors(sp));
        services.AddSingleton<IClauseSearch>(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<SearchSettings>>().Value;
            IClauseSearch keyword = settings.Provider switch
            {
                SearchProvider.Azure => sp.GetRequiredService<AzureSearchIndex>(),
                _ => sp.GetRequiredService<LuceneClauseIndex>(),
            };
            return settings.Hybrid.Enabled ? Hybrid(sp, keyword, settings.Hybrid.Weights) : keyword;
        });
        // Questions in French, Spanish, Arabic, Portuguese: each language's own question bank; the quote is the
        // clause's English sentences that staff most often ask about.
        services.AddSingleton(sp => LanguageBankSearch.Load(
            Path.Combine(sp.GetRequiredService<IOptions<KnowledgeSettings>>().Value.ResolvedPath, "questions", "languages"),
            sp.GetRequiredService<ClauseCatalog>().All, sp.GetRequiredService<IOptions<SearchSettings>>().Value.Languages,
            sp.GetRequiredService<IClauseSearch>() is HybridClauseSearch hybrid ? hybrid.TypicalQuote : c => [.. SentencePicker.Sentences(c.Text).Take(2)]));
        return builder;
    }

    /// <summary>The Codes' index on Azure AI Search and the FAQ's own, reached with the key or the app's one Azure credential.</summary>
    private static void AddAzureSearchIndexes(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAzureCredential(configuration);
        services.AddSingleton(sp =>
        {
            var azure = sp.GetRequiredService<IOptions<AzureSearchOptions>>().Value;
            // The local encoder's vectors ride in the index beside the words: a hybrid query on the service.
            return new AzureSearchIndex(azure, sp.GetRequiredService<SynonymList>(), credential: sp.GetRequiredService<TokenCredential>())
                .WithVectors(sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(), MiniLmEmbeddingGenerator.Dimensions);
        });
        // The ethics office's FAQ entries have an index of their own on the same service (Faq:AzureIndexName).
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SearchSettings>>().Value.Provider != SearchProvider.Azure ? FaqIndex.None
            : new FaqIndex(new AzureSearchIndex(sp.GetRequiredService<IOptions<AzureSearchOptions>>().Value.WithIndex(sp.GetRequiredService<IOptions<FaqSettings>>().Value.AzureIndexName),
                sp.GetRequiredService<SynonymList>(), credential: sp.GetRequiredService<TokenCredential>())));
    }

    /// <summary>The file written by <c>embed</c> when it matches the Codes and the bank; otherwise encoded now (slower start).</summary>
    private static SemanticVectors LoadVectors(IServiceProvider sp)
    {
        var knowledge = sp.GetRequiredService<IOptions<KnowledgeSettings>>().Value;
        var hybrid = sp.GetRequiredService<IOptions<SearchSettings>>().Value.Hybrid;
        var (entries, fingerprint) = VectorPlan(sp.GetRequiredService<ClauseCatalog>(), knowledge, sp.GetRequiredService<IReadOnlyList<BankQuestion>>());
        var path = VectorsPath(hybrid, knowledge);
        if (SemanticVectors.TryLoad(path, fingerprint, entries) is { } stored)
            return stored;
        sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(KnowledgeExtensions)).LogWarning(
            "The sentence vectors in {Path} do not match the Codes and the question bank: encoding {Count} texts now. Run `embed` to keep them.", path, entries.Count);
        return SemanticVectors.EncodeAsync(entries, MiniLmEmbeddingGenerator.ModelId, sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>()).GetAwaiter().GetResult();
    }

    /// <summary>The search by meaning beside the keyword search, with the synonyms, the lexicon and the bank's answers.</summary>
    private static HybridClauseSearch Hybrid(IServiceProvider sp, IClauseSearch keyword, HybridWeights weights)
    {
        var clauses = sp.GetRequiredService<ClauseCatalog>().All;
        return new HybridClauseSearch(keyword, sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(), sp.GetRequiredService<SemanticVectors>(), clauses, weights)
        {
            Synonyms = sp.GetRequiredService<SynonymList>(),
            Lexicon = sp.GetRequiredService<ThingLexicon>(),
            Bank = sp.GetRequiredService<IReadOnlyList<BankQuestion>>(),
        };
    }

    /// <summary>The question bank of the knowledge folder (<c>questions/*.jsonl</c>), checked against the Codes.</summary>
    public static IReadOnlyList<BankQuestion> LoadBank(ClauseCatalog catalog, KnowledgeSettings knowledge)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(knowledge);
        return QuestionBank.Load(Path.Combine(knowledge.ResolvedPath, "questions"), catalog.All);
    }

    /// <summary>What the vector file holds, in order, and its fingerprint; <paramref name="bank"/> read here when not given.</summary>
    public static (IReadOnlyList<VectorEntry> Entries, string Fingerprint) VectorPlan(ClauseCatalog catalog, KnowledgeSettings knowledge, IReadOnlyList<BankQuestion>? bank = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(knowledge);
        bank ??= LoadBank(catalog, knowledge);
        var entries = SemanticVectors.Plan(catalog.All, bank, QuestionBank.LoadEveryday(Path.Combine(knowledge.ResolvedPath, "everyday.jsonl")));
        return (entries, SemanticVectors.FingerprintOf(MiniLmEmbeddingGenerator.ModelId, entries));
    }

    public static string VectorsPath(HybridSettings hybrid, KnowledgeSettings knowledge)
    {
        ArgumentNullException.ThrowIfNull(hybrid);
        ArgumentNullException.ThrowIfNull(knowledge);
        return string.IsNullOrWhiteSpace(hybrid.VectorsPath) ? Path.Combine(knowledge.ResolvedPath, "vectors", "semantic.bin") : Path.GetFullPath(hybrid.VectorsPath);
    }

    /// <summary>Azure settings are checked only when Azure is the provider.</summary>
    private sealed class AzureSearchOptionsValidator(IOptions<SearchSettings> search) : IValidateOptions<AzureSearchOptions>
    {
        public ValidateOptionsResult Validate(string? name, AzureSearchOptions options)
        {
            if (search.Value.Provider != SearchProvider.Azure)
                return ValidateOptionsResult.Success;
            var problems = options.Problems();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
