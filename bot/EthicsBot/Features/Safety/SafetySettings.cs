using EthicsBot.Shared.Knowledge;

namespace EthicsBot.Features.Safety;

/// <summary>Configuration section <c>Safety</c>: where the report model is, and optional overrides of its thresholds.</summary>
public sealed class SafetySettings
{
    public const string Section = "Safety";

    /// <summary>The model file; empty means <c>intent/model.json</c> in the knowledge folder.</summary>
    public string ModelPath { get; set; } = "";

    /// <summary>The n-gram model file (the languages other than the encoder's); empty means <c>intent/ngram-model.json</c> in the knowledge folder.</summary>
    public string NgramModelPath { get; set; } = "";

    /// <summary>Overrides the model's handoff threshold (its figures are in the model file).</summary>
    public double? HandoffAbove { get; set; }

    /// <summary>Overrides the model's banner threshold.</summary>
    public double? BannerAbove { get; set; }

    public string ResolvedModelPath(KnowledgeSettings knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        return string.IsNullOrWhiteSpace(ModelPath) ? Path.Combine(knowledge.ResolvedPath, "intent", "model.json") : Path.GetFullPath(ModelPath);
    }

    public string ResolvedNgramModelPath(KnowledgeSettings knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        return string.IsNullOrWhiteSpace(NgramModelPath) ? Path.Combine(knowledge.ResolvedPath, "intent", NgramModelFile) : Path.GetFullPath(NgramModelPath);
    }

    public const string NgramModelFile = "ngram-model.json";
}
