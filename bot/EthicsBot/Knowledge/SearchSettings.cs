using EthicsBot.Knowledge.Search.Lucene;

namespace EthicsBot.Knowledge;

/// <summary>Which clause search runs: the embedded Lucene.NET index (default) or Azure AI Search.</summary>
public enum SearchProvider
{
    Lucene,
    Azure,
}

/// <summary>Configuration section <c>Search</c> (the Azure part is <c>Search:Azure</c>).</summary>
public sealed class SearchSettings
{
    public const string Section = "Search";

    public SearchProvider Provider { get; set; } = SearchProvider.Lucene;

    public LuceneSettings Lucene { get; set; } = new();

    /// <summary>Search by meaning beside the provider's keyword search (<c>Search:Hybrid</c>); on by default.</summary>
    public HybridSettings Hybrid { get; set; } = new();
}

/// <summary>Configuration section <c>Search:Hybrid</c>.</summary>
public sealed class HybridSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>The vector file; empty: <c>vectors/semantic.bin</c> in the knowledge folder (written by <c>embed</c>).</summary>
    public string VectorsPath { get; set; } = "";

    /// <summary>The fusion weights; the defaults are the measured best, settable for experiments.</summary>
    public Search.Semantic.HybridWeights Weights { get; set; } = new();
}

/// <summary>Configuration section <c>Search:Lucene</c>.</summary>
public sealed class LuceneSettings
{
    /// <summary>Where the index is kept on disk and reused while the sources are unchanged; empty: built in memory at start.</summary>
    public string IndexPath { get; set; } = "";

    /// <summary>Ranking weights; the defaults are the measured best, settable for experiments (Search__Lucene__Tuning__TitleBoost=3).</summary>
    public LuceneTuning Tuning { get; set; } = new();
}

/// <summary>Configuration section <c>Knowledge</c>.</summary>
public sealed class KnowledgeSettings
{
    public const string Section = "Knowledge";

    /// <summary>The knowledge folder (sources/ and synonyms.txt); empty: the copy shipped beside the executable.</summary>
    public string Path { get; set; } = "";

    public string ResolvedPath => string.IsNullOrWhiteSpace(Path) ? System.IO.Path.Combine(AppContext.BaseDirectory, "knowledge") : System.IO.Path.GetFullPath(Path);
}
