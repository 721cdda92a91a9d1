using Microsoft.Extensions.AI;

namespace EthicsBot.Safety;

/// <summary>What a message gets: the handoff alone, the answer with the handoff banner, or the answer.</summary>
public enum ReportAction
{
    Answer,
    Banner,
    Handoff,
}

/// <summary>The screen's decision on one message, with what decided it.</summary>
public sealed record ReportVerdict(ReportAction Action, double Probability, IReadOnlyList<string> Signals)
{
    /// <summary>
    /// The message's sentence vector, which the search by meaning reuses rather than encoding the message again. It lives
    /// only as long as the turn; like the message, it is never stored.
    /// </summary>
    public float[]? Vector { get; init; }

    /// <summary>True for the handoff and for the banner: the message is treated as a report for privacy.</summary>
    public bool TreatAsReport => Action != ReportAction.Answer;
}

/// <summary>
/// The one decision on whether a message reports misconduct, made before anything else is done with it: the handoff
/// when a rule fires (<see cref="ReportDetector"/>: explainable, catches what the model misses) or the model is sure;
/// the answer with the handoff banner when the model is unsure (the middle band); else the answer.
/// </summary>
public sealed class ReportScreen(IEmbeddingGenerator<string, Embedding<float>> encoder, ReportModel model)
{
    public ReportModel Model { get; } = model;

    public async Task<ReportVerdict> ScreenAsync(string? message, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(message))
            return new ReportVerdict(ReportAction.Answer, 0, []);
        var rules = ReportDetector.Detect(message);
        var vector = await encoder.GenerateVectorAsync(message, cancellationToken: cancellationToken).ConfigureAwait(false);
        var probability = Model.Probability(vector.Span);
        var action = rules.IsReport || probability >= Model.HandoffAbove ? ReportAction.Handoff
            : probability >= Model.BannerAbove ? ReportAction.Banner
            : ReportAction.Answer;
        return new ReportVerdict(action, probability, rules.Signals) { Vector = vector.ToArray() };
    }
}
