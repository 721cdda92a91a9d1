namespace EthicsBot.Shared.Knowledge;

/// <summary>Configuration section <c>Search</c> (the Azure part is <c>Search:Azure</c>).</summary>
public sealed class SearchSettings
{
    public const string Section = "Search";

    public SearchProvider Provider { get; set; } = SearchProvider.Lucene;

    public LuceneSettings Lucene { get; set; } = new();

    /// <summary>Search by meaning beside the provider's keyword search (<c>Search:Hybrid</c>); on by default.</summary>
    public HybridSettings Hybrid { get; set; } = new();

    /// <summary>
    /// The question banks in other languages (<c>knowledge/questions/languages</c>) and how their two signals are
    /// weighed (<c>Search:Languages</c>).
    /// </summary>
    public EthicsBot.Knowledge.Search.Languages.LanguageBankWeights Languages { get; set; } = new();
}
