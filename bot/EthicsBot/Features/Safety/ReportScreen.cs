using Microsoft.Extensions.AI;

namespace EthicsBot.Features.Safety;

/// <summary>
/// The one decision on whether a message reports misconduct, made before anything else is done with it: the handoff
/// when a rule fires (<see cref="ReportDetector"/>: explainable, catches what the model misses) or the model is sure;
/// the answer with the handoff banner when the model is unsure (the middle band); else the answer.
/// </summary>
public sealed class ReportScreen(IEmbeddingGenerator<string, Embedding<float>> encoder, ReportModel model)
{
    public ReportModel Model { get; } = model;

    /// <summary>
    /// Whether a question that came back in a card's data (it is the client's to send) may be passed on — offered to
    /// the ethics office, pre-filled in a form: there is one, it is not over the search's length, and it is not a
    /// possible report.
    /// </summary>
    public async Task<bool> MayPassOnAsync(string? question, CancellationToken cancellationToken = default) =>
        question is { Length: <= Knowledge.Search.ClauseQuery.MaxTextLength }
        && !(await ScreenAsync(question, cancellationToken).ConfigureAwait(false)).TreatAsReport;

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
