using EthicsBot.Knowledge.Embeddings;
using Microsoft.Extensions.AI;

namespace EthicsBot.Features.Safety;

/// <summary>
/// The one decision on whether a message reports misconduct, made before anything else is done with it: the handoff
/// when a rule fires (<see cref="ReportDetector"/>: explainable, catches what the model misses) or the model is sure;
/// the answer with the handoff banner when the model is unsure (the middle band); else the answer.
/// A message is judged whole and by its parts (<see cref="MessageParts"/>): a report in any sentence or line makes the
/// message a report, whatever the question around it.
/// </summary>
public sealed class ReportScreen(IEmbeddingGenerator<string, Embedding<float>> encoder, ReportModel model)
{
    /// <summary>
    /// At most this many parts are encoded for the model (the rules read every part): past it, the rest of a long
    /// message is one last part. With the whole message, one encoder batch (<see cref="MiniLmEmbeddingGenerator.MaxBatch"/>):
    /// fifteen sentences cover what staff type in a chat; a pasted document is read in full by the rules.
    /// </summary>
    public const int MaxModelParts = MiniLmEmbeddingGenerator.MaxBatch - 1;

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
        var signals = new List<string>(rules.Signals);
        var isReport = rules.IsReport;
        var allParts = MessageParts.Of(message);
        for (var i = 0; i < allParts.Count; i++)
        {
            if (ReportDetector.Detect(allParts[i]) is { IsReport: true } told)
            {
                isReport = true;
                signals.AddRange(told.Signals.Select(s => $"part {i + 1}: {s}"));
            }
        }

        // One batch: the whole message (whose vector the search by meaning reuses) and each part the model reads.
        var parts = allParts.Count <= MaxModelParts ? allParts : MessageParts.Of(message, MaxModelParts);
        var vectors = await encoder.GenerateAsync([message, .. parts], cancellationToken: cancellationToken).ConfigureAwait(false);
        var whole = vectors[0].Vector;
        var probability = Model.Probability(whole.Span);
        for (var i = 1; i < vectors.Count; i++)
        {
            // A statement followed by a question is the question's context ("A journalist called me. Am I allowed to
            // answer?"): the whole message judges it, with the question that says what the writer wants.
            if (i < parts.Count && MessageParts.IsQuestion(parts[i]))
                continue;
            var p = Model.Probability(vectors[i].Vector.Span);
            if (p >= Model.BannerAbove && p > probability)
                signals.Add(FormattableString.Invariant($"part {i}: model {p:0.00}"));
            probability = Math.Max(probability, p);
        }
        var action = isReport || probability >= Model.HandoffAbove ? ReportAction.Handoff
            : probability >= Model.BannerAbove ? ReportAction.Banner
            : ReportAction.Answer;
        return new ReportVerdict(action, probability, signals) { Vector = whole.ToArray() };
    }
}
