using System.Text.Json.Serialization;

namespace EthicsBot.Features.Safety;

/// <summary>What the model's thresholds gave on held-out predictions of the corpus when they were chosen.</summary>
public sealed record ThresholdFigures(
    [property: JsonPropertyName("reportRecall")] double ReportRecall,
    [property: JsonPropertyName("falseHandoffRate")] double FalseHandoffRate,
    [property: JsonPropertyName("bannerRate")] double BannerRate);
