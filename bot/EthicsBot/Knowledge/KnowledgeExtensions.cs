using EthicsBot.Knowledge.Search;
using EthicsBot.Knowledge.Search.Azure;
using EthicsBot.Knowledge.Search.Lucene;
using Microsoft.Extensions.Options;

namespace EthicsBot.Knowledge;

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
        // The Codes are parsed once, here; the index and the cards both read this list.
        services.AddSingleton(sp => new ClauseCatalog(sp.GetRequiredService<KnowledgeSources>().LoadClauses()));
        services.AddSingleton(sp =>
        {
            var azure = sp.GetRequiredService<IOptions<AzureSearchOptions>>().Value;
            return new AzureSearchIndex(azure, sp.GetRequiredService<SynonymList>());
        });
        services.AddSingleton(sp =>
        {
            var sources = sp.GetRequiredService<KnowledgeSources>();
            var synonyms = sp.GetRequiredService<SynonymList>();
            var lucene = sp.GetRequiredService<IOptions<SearchSettings>>().Value.Lucene;
            return string.IsNullOrWhiteSpace(lucene.IndexPath)
                ? LuceneClauseIndex.BuildInMemory(sp.GetRequiredService<ClauseCatalog>().All, synonyms, lucene.Tuning)
                : LuceneClauseIndex.OpenOrBuild(lucene.IndexPath, sources.Fingerprint(), () => sp.GetRequiredService<ClauseCatalog>().All, synonyms, lucene.Tuning);
        });
        services.AddSingleton<IClauseSearch>(sp => sp.GetRequiredService<IOptions<SearchSettings>>().Value.Provider switch
        {
            SearchProvider.Azure => sp.GetRequiredService<AzureSearchIndex>(),
            _ => sp.GetRequiredService<LuceneClauseIndex>(),
        });
        return builder;
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
