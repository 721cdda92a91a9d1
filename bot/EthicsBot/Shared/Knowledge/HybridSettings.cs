namespace EthicsBot.Shared.Knowledge;

/// <summary>Configuration section <c>Search:Hybrid</c>.</summary>
public sealed class HybridSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>The vector file; empty: <c>vectors/semantic.bin</c> in the knowledge folder (written by <c>embed</c>).</summary>
    public string VectorsPath { get; set; } = "";

    /// <summary>The fusion weights; the defaults are the measured best, settable for experiments.</summary>
    public EthicsBot.Knowledge.Search.Semantic.HybridWeights Weights { get; set; } = new();
}
