using EthicsBot.Knowledge.Search.Lucene;

namespace EthicsBot.Shared.Knowledge;

/// <summary>Configuration section <c>Search:Lucene</c>.</summary>
public sealed class LuceneSettings
{
    /// <summary>Where the index is kept on disk and reused while the sources are unchanged; empty: built in memory at start.</summary>
    public string IndexPath { get; set; } = "";

    /// <summary>Ranking weights; the defaults are the measured best, settable for experiments (Search__Lucene__Tuning__TitleBoost=3).</summary>
    public LuceneTuning Tuning { get; set; } = new();
}
