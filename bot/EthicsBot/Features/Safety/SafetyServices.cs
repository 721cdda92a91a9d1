using EthicsBot.Knowledge.Embeddings;
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
        services.AddSingleton<ReportScreen>();
        return services;
    }
}
