using EthicsBot.Knowledge.Embeddings;
using EthicsBot.Knowledge.Search.Semantic;
using EthicsBot.Shared.Knowledge;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace EthicsBot.Features.Safety;

public static class SafetyServices
{
    /// <summary>The sentence encoder (loaded once, shared by whatever needs vectors) and the report screen.</summary>
    public static IServiceCollection AddReportScreen(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SafetySettings>().Bind(configuration.GetSection(SafetySettings.Section));
        services.TryAddSentenceEncoder();
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<SafetySettings>>().Value;
            var path = settings.ResolvedModelPath(sp.GetRequiredService<IOptions<KnowledgeSettings>>().Value);
            var model = ReportModel.Load(path, MiniLmEmbeddingGenerator.Dimensions);
            model = model with { HandoffAbove = settings.HandoffAbove ?? model.HandoffAbove, BannerAbove = settings.BannerAbove ?? model.BannerAbove };
            if (model.BannerAbove is <= 0 or >= 1 || model.HandoffAbove is <= 0 or >= 1 || model.BannerAbove > model.HandoffAbove)
                throw new OptionsValidationException(SafetySettings.Section, typeof(SafetySettings),
                    ["Safety:BannerAbove and Safety:HandoffAbove must satisfy 0 < BannerAbove ≤ HandoffAbove < 1."]);
            return model;
        });
        services.AddSingleton(sp => NgramModel.Load(sp.GetRequiredService<IOptions<SafetySettings>>().Value.ResolvedNgramModelPath(sp.GetRequiredService<IOptions<KnowledgeSettings>>().Value)));
        services.AddSingleton(sp => new ReportScreen(sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(), sp.GetRequiredService<ReportModel>(),
            sp.GetRequiredService<NgramModel>(), LoadNeighbours(sp)));
        return services;
    }

    /// <summary>The report corpus's vectors (<see cref="ReportNeighbours"/>) as <c>embed</c> wrote them, or encoded now when the corpus changed since.</summary>
    private static ReportNeighbours? LoadNeighbours(IServiceProvider sp)
    {
        var knowledge = sp.GetRequiredService<IOptions<KnowledgeSettings>>().Value;
        var (entries, fingerprint, path) = NeighboursPlan(knowledge);
        var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SafetyServices));
        // Without report examples every vote would say "question" and lift every banner in the band: no second opinion then.
        if (!entries.Any(e => e.Clause == ReportNeighbours.ReportLabel) || !entries.Any(e => e.Clause == ReportNeighbours.QuestionLabel))
        {
            logger.LogWarning(
                "The report corpus under {Path} has no English reports or no questions: the screen's banner band has no second opinion.", knowledge.ResolvedPath);
            return null;
        }
        if (SemanticVectors.TryLoad(path, fingerprint, entries) is { } stored)
            return new ReportNeighbours(stored);
        logger.LogWarning(
            "The report corpus's vectors in {Path} do not match the corpus: encoding {Count} texts now. Run `embed` to keep them.", path, entries.Count);
        return new ReportNeighbours(SemanticVectors.EncodeAsync(entries, MiniLmEmbeddingGenerator.ModelId, sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>()).GetAwaiter().GetResult());
    }

    /// <summary>What <c>intent/neighbours.bin</c> holds (the English corpus lines and the everyday questions), its fingerprint and its path.</summary>
    public static (IReadOnlyList<VectorEntry> Entries, string Fingerprint, string Path) NeighboursPlan(KnowledgeSettings knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        var entries = ReportNeighbours.Plan(Path.Combine(knowledge.ResolvedPath, "intent", "corpus.jsonl"), Path.Combine(knowledge.ResolvedPath, "everyday.jsonl"));
        return (entries, SemanticVectors.FingerprintOf(MiniLmEmbeddingGenerator.ModelId, entries), Path.Combine(knowledge.ResolvedPath, "intent", ReportNeighbours.FileName));
    }
}
