namespace EthicsBot.Shared.Knowledge;

/// <summary>Configuration section <c>Search</c> (the Azure part is <c>Search:Azure</c>).</summary>
public sealed class SearchSettings
{
    public const string Section = "Search";

    public SearchProvider Provider { get; set; } = SearchProvider.Lucene;

    public LuceneSettings Lucene { get; set; } = new();

    /// <summary>Search by meaning beside the provider's keyword search (<c>Search:Hybrid</c>); on by default.</summary>
    public HybridSettings Hybrid { get; set; } = new();
}
