using Microsoft.Extensions.AI;

namespace EthicsBot.Features.Safety;

/// <summary>
/// The one decision on whether a message reports misconduct, made before anything else is done with it: the handoff
/// when a rule fires (<see cref="ReportDetector"/>: explainable, catches what the model misses) or the model is sure;
/// the answer with the handoff banner when the model is unsure (the middle band); else the answer.
/// A message is judged whole and by its parts (<see cref="MessageParts"/>): a report in any sentence or line makes the
/// message a report, whatever the question around it.
/// Each text (the whole, each part) goes to the model of its language, by the n-gram model's language identifier:
/// the sentence model (<see cref="ReportModel"/>, English) or the n-gram model with that language's thresholds; to both
/// when the identifier is unsure (code-switching), the stronger decision winning. A message in a language the screen
/// was not trained on gets at least the banner.
/// </summary>
/// <remarks>Without an n-gram model (tests of the sentence model alone) every text goes to the sentence model.</remarks>
public sealed class ReportScreen(IEmbeddingGenerator<string, Embedding<float>> encoder, ReportModel model, NgramModel? ngram = null)
{
    /// <summary>
    /// At most this many parts are encoded for the model (the rules read every part): past it, the rest of a long
    /// message is one last part. 24 sentences cover any message staff type; a pasted document is read by the rules.
    /// </summary>
    public const int MaxModelParts = 24;

    public ReportModel Model { get; } = model;

    public NgramModel? Ngram { get; } = ngram;

    private static readonly string[] SentenceModelOnly = ["sentence model"];

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
        var action = isReport ? ReportAction.Handoff : ReportAction.Answer;
        var wholeWords = Ngram is null ? [] : NgramFeatures.Words(message);
        var probability = 0.0;
        string? language = null;
        for (var i = 0; i < vectors.Count; i++)
        {
            // A statement followed by a question is the question's context ("A journalist called me. Am I allowed to
            // answer?"): the whole message judges it, with the question that says what the writer wants.
            if (i > 0 && i < parts.Count && MessageParts.IsQuestion(parts[i]))
                continue;
            var where = i == 0 ? "" : $"part {i}: ";
            var (routes, ngramProbability) = Ngram?.Read(i == 0 ? wholeWords : NgramFeatures.Words(parts[i - 1])) ?? ((IReadOnlyList<string>)SentenceModelOnly, 0.0);
            language ??= Ngram is null ? null : routes[0];
            var sentence = Model.Probability(vectors[i].Vector.Span);
            if (i == 0 || sentence > probability)
                probability = Math.Max(probability, sentence);
            foreach (var route in routes)
            {
                // The n-gram model with the language's thresholds where it judges that language, else the sentence model.
                LanguageThresholds? thresholds = null;
                var judgedByNgram = Ngram is not null && Ngram.Judges.TryGetValue(route, out thresholds);
                var p = judgedByNgram ? ngramProbability : sentence;
                var judged = judgedByNgram ? Decide(p, thresholds!.HandoffAbove, thresholds.BannerAbove) : Decide(p, Model.HandoffAbove, Model.BannerAbove);
                if (judged > action)
                {
                    signals.Add(FormattableString.Invariant($"{where}{route} {(judgedByNgram ? "n-gram" : "model")} {p:0.00}"));
                    action = judged;
                }
            }
        }
        var unfamiliar = Ngram?.IsUnfamiliar(wholeWords) ?? false;
        if (unfamiliar)
        {
            var (known, counted) = Ngram!.Coverage(wholeWords);
            signals.Add($"unfamiliar language: {known} of {counted} words known");
            action = action > ReportAction.Banner ? action : ReportAction.Banner;
        }
        return new ReportVerdict(action, probability, signals) { Vector = whole.ToArray(), Language = unfamiliar ? null : language, Unfamiliar = unfamiliar };
    }

    private static ReportAction Decide(double p, double handoffAbove, double bannerAbove) =>
        p >= handoffAbove ? ReportAction.Handoff : p >= bannerAbove ? ReportAction.Banner : ReportAction.Answer;
}
