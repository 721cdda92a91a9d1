using System.Text.Json.Serialization;

namespace EthicsBot.Features.Safety;

/// <summary>
/// What the model's thresholds gave on held-out predictions of the corpus when they were chosen; the same on the
/// question banks' questions (<see cref="Bank"/>, when they were learnt from).
/// </summary>
public sealed record ThresholdFigures(
    [property: JsonPropertyName("reportRecall")] double ReportRecall,
    [property: JsonPropertyName("falseHandoffRate")] double FalseHandoffRate,
    [property: JsonPropertyName("bannerRate")] double BannerRate)
{
    [JsonPropertyName("bank")] public QuestionFigures? Bank { get; init; }
}
