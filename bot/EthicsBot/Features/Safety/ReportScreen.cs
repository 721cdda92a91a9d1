using EthicsBot.Knowledge.Text;
using EthicsBot.Knowledge.Embeddings;
using Microsoft.Extensions.AI;

namespace EthicsBot.Features.Safety;

/// <summary>
/// The one decision on whether a message reports misconduct, made before anything else is done with it: the handoff
/// when a rule fires (<see cref="ReportDetector"/>: explainable, catches what the model misses; only the banner on an
/// English question the model hears nothing in, see <see cref="RulesAgainstModel"/>) or the model is sure; the answer
/// with the handoff banner when the model is unsure (the middle band); else the answer.
/// A message is judged whole and by its parts (<see cref="MessageParts"/>): a report in any sentence or line makes the
/// message a report, whatever the question around it.
/// Each text (the whole, each part) goes to the model of its language, by the n-gram model's language identifier:
/// the sentence model (<see cref="ReportModel"/>, English) or the n-gram model with that language's thresholds; to both
/// when the identifier is unsure (code-switching), the stronger decision winning. A message in a language the screen
/// was not trained on gets at least the banner. An English message the sentence model alone put in its banner band
/// keeps its answer without the banner when its nearest labelled examples are questions (<see cref="ReportNeighbours"/>).
/// </summary>
/// <remarks>Without an n-gram model (tests of the sentence model alone) every text goes to the sentence model.</remarks>
public sealed class ReportScreen(IEmbeddingGenerator<string, Embedding<float>> encoder, ReportModel model, NgramModel? ngram = null, ReportNeighbours? neighbours = null)
{
    /// <summary>
    /// At most this many parts are encoded for the model (the rules read every part): past it, the rest of a long
    /// message is one last part. Fifteen sentences cover what staff type in a chat; a pasted document is read in full by
    /// the rules.
    /// </summary>
    public const int MaxModelParts = MiniLmEmbeddingGenerator.MaxBatch - 1;

    /// <summary>A part longer than this is encoded from its start only (a sentence rarely is; the rules read it all).</summary>
    public const int MaxPartChars = 200;

    /// <summary>
    /// The characters of parts the model reads in one message, as many as the whole message's own encoding takes
    /// (<see cref="MiniLmEmbeddingGenerator.MaxChars"/>): the parts at most double the encoder's work for a message.
    /// </summary>
    public const int PartBudget = MiniLmEmbeddingGenerator.MaxChars;

    /// <summary>
    /// The parts the model reads, in order, with their index: each clipped to <see cref="MaxPartChars"/>, until
    /// <see cref="PartBudget"/> characters. Past the budget, a long message's later sentences are read by the rules only.
    /// </summary>
    private static List<(int Index, string Text)> ModelParts(IReadOnlyList<string> parts, bool judgedAloneOnly = true)
    {
        var chosen = new List<(int, string)>();
        var used = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            if (judgedAloneOnly && !JudgedAlone(parts, i))
                continue;
            var text = parts[i].Length <= MaxPartChars ? parts[i] : parts[i][..MaxPartChars];
            if (used + text.Length > PartBudget)
                break;
            used += text.Length;
            chosen.Add((i, text));
        }
        return chosen;
    }

    /// <summary>
    /// Whether part <paramref name="index"/> is judged on its own: every question is, and every statement but one that
    /// leads up to the message's first question, which is that question's context ("A journalist called me. Am I allowed
    /// to answer?"): the whole message judges it, with the question that says what the writer wants. A statement after a
    /// question has been asked is judged alone: it is something more the writer has to say ("How do I declare outside
    /// work? My line manager runs a private consultancy out of our office… Is there a form?").
    /// </summary>
    private static bool JudgedAlone(IReadOnlyList<string> parts, int index) =>
        MessageParts.IsQuestion(parts[index]) || index + 1 >= parts.Count || !MessageParts.IsQuestion(parts[index + 1])
        || parts.Take(index).Any(MessageParts.IsQuestion);

    /// <summary>
    /// The parts of <paramref name="message"/> the sentence model judges on their own beside the whole, as the screen
    /// reads them (clipped, within the budget); with <paramref name="judgedAloneOnly"/> false, also the statements it
    /// leaves to the whole message (training learns every part of a question as a question).
    /// </summary>
    public static IReadOnlyList<string> SentenceModelParts(string message, bool judgedAloneOnly = true) =>
        [.. ModelParts(Capped(message, MessageParts.Of(message)), judgedAloneOnly).Select(p => p.Text)];

    /// <summary>The message's parts as the model reads them: at most <see cref="MaxModelParts"/>, the rest joined to the last.</summary>
    private static IReadOnlyList<string> Capped(string message, IReadOnlyList<string> all) =>
        all.Count <= MaxModelParts ? all : MessageParts.Of(message, MaxModelParts);

    /// <summary>
    /// Encodes the parts shortest first, in batches whose padded size (texts × the longest) stays within the budget: the
    /// encoder pads a batch to its longest text, so one long sentence among short ones would make each cost as much.
    /// </summary>
    private async Task<List<(int Index, float[] Vector)>> EncodeAsync(List<(int Index, string Text)> parts, CancellationToken cancellationToken)
    {
        var vectors = new List<(int, float[])>(parts.Count);
        var batch = new List<(int Index, string Text)>();
        foreach (var part in parts.OrderBy(p => p.Text.Length))
        {
            if (batch.Count > 0 && (batch.Count + 1) * part.Text.Length > PartBudget)
                await FlushAsync().ConfigureAwait(false);
            batch.Add(part);
        }
        await FlushAsync().ConfigureAwait(false);
        return vectors;

        async Task FlushAsync()
        {
            if (batch.Count == 0)
                return;
            var encoded = await encoder.GenerateAsync([.. batch.Select(b => b.Text)], cancellationToken: cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
                vectors.Add((batch[i].Index, encoded[i].Vector.ToArray()));
            batch.Clear();
        }
    }

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
        var signals = new List<string>();
        var allParts = MessageParts.Of(message);
        var isReport = RulesFire(message, allParts, signals);

        // The whole message (its vector reused by the search) on the encoder's queue; then the parts (see ModelParts).
        var parts = Capped(message, allParts);
        var whole = await encoder.GenerateVectorAsync(message, cancellationToken: cancellationToken).ConfigureAwait(false);
        var encoded = (await EncodeAsync(ModelParts(parts), cancellationToken).ConfigureAwait(false)).ToDictionary(v => v.Index, v => v.Vector);
        var action = ReportAction.Answer; // the models' judgement; the rules' handoff is weighed after them
        var wholeWords = Ngram is null ? [] : NgramFeatures.Words(message);
        var probability = 0.0;
        IReadOnlyList<string> languages = []; // the whole message's, likeliest first
        var banners = new List<string>(); // for each judgement that raised the banner, the language it was read in
        // i = 0 is the whole message, i ≥ 1 its part i - 1 (the sentence model reads those within the encoding budget).
        for (var i = 0; i <= parts.Count; i++)
        {
            if (i > 0 && !JudgedAlone(parts, i - 1))
                continue;
            var where = i == 0 ? "" : $"part {i}: ";
            var (routes, ngramProbability) = Ngram?.Read(i == 0 ? wholeWords : NgramFeatures.Words(parts[i - 1])) ?? ((IReadOnlyList<string>)SentenceModelOnly, 0.0);
            if (i == 0 && Ngram is not null)
                languages = routes;
            double? sentence = i == 0 ? Model.Probability(whole.Span) : encoded.TryGetValue(i - 1, out var vector) ? Model.Probability(vector) : null;
            if (sentence is { } read)
                probability = Math.Max(probability, read);
            foreach (var (route, byNgram, p, judged) in Judgements(routes, ngramProbability, sentence))
            {
                if (judged == ReportAction.Banner)
                    banners.Add(byNgram ? route : "en");
                if (judged > action)
                {
                    signals.Add(FormattableString.Invariant($"{where}{route} {(byNgram ? "n-gram" : "model")} {p:0.00}"));
                    action = judged;
                }
            }
        }
        if (!isReport && action == ReportAction.Banner && AnOfficeQuestion(whole.Span, encoded.Values, languages, banners, probability, signals))
            action = ReportAction.Answer;
        action = isReport ? RulesAgainstModel(message, allParts, action, probability, languages, signals) : LiftedAsOwnSituation(message, action, banners, probability, signals);
        var unfamiliar = Unfamiliar(wholeWords, signals);
        if (unfamiliar || (action < ReportAction.Banner && UnfamiliarLetters(message, signals)))
            action = action > ReportAction.Banner ? action : ReportAction.Banner;
        return new ReportVerdict(action, probability, signals) { Vector = whole.ToArray(), Languages = unfamiliar ? [] : languages, Unfamiliar = unfamiliar };
    }

    /// <summary>
    /// Whether an English message no rule fired on, that only the English sentence model put in its banner band (below
    /// <see cref="ReportNeighbours.ModelBelow"/>), is a question by its nearest labelled examples: the whole message and
    /// each part the model raised the banner on. Lifted, it is a question for every purpose, as a message lifted as the
    /// writer's own situation is: its answer offers "Ask the ethics office" and may pre-fill a form.
    /// </summary>
    private bool AnOfficeQuestion(ReadOnlySpan<float> whole, IEnumerable<float[]> parts, IReadOnlyList<string> languages, List<string> bannerLanguages, double probability, List<string> signals)
    {
        if (neighbours is null || probability >= ReportNeighbours.ModelBelow || !IsEnglish(languages) || bannerLanguages.Any(l => l != "en"))
            return false;
        var share = neighbours.ReportShare(whole);
        foreach (var part in parts.Where(p => Model.Probability(p) >= Model.BannerAbove))
            share = Math.Max(share, neighbours.ReportShare(part));
        if (share >= ReportNeighbours.QuestionBelow)
            return false;
        signals.Add(FormattableString.Invariant($"nearest examples are questions (reports {share:0.00})"));
        return true;
    }

    /// <summary>
    /// Each route's judgement of one text: the n-gram model with the language's thresholds where it judges that
    /// language, else the sentence model (nothing when the sentence model did not read the text).
    /// </summary>
    private IEnumerable<(string Route, bool ByNgram, double P, ReportAction Action)> Judgements(IReadOnlyList<string> routes, double ngramProbability, double? sentence)
    {
        foreach (var route in routes)
        {
            LanguageThresholds? thresholds = null;
            var byNgram = Ngram is not null && Ngram.Judges.TryGetValue(route, out thresholds);
            if (!byNgram && sentence is null)
                continue;
            var p = byNgram ? ngramProbability : sentence!.Value;
            yield return (route, byNgram, p, byNgram ? Decide(p, thresholds!.HandoffAbove, thresholds.BannerAbove) : Decide(p, Model.HandoffAbove, Model.BannerAbove));
        }
    }

    /// <summary>
    /// Whether the banner is lifted: in each language a model raised it in, the message asks about the writer's own
    /// situation or the rules and tells of nobody else's conduct (<see cref="OwnSituation"/>, on the whole message, so no
    /// sentence of it does). Never for a handoff, nor for a language <see cref="OwnSituation"/> has no rules for.
    /// </summary>
    /// <remarks>
    /// Only a message no rule fired on: a rule that fired is weighed against the models' own judgement instead
    /// (<see cref="RulesAgainstModel"/>). Returns the action, lifted or not.
    /// </remarks>
    private static ReportAction LiftedAsOwnSituation(string message, ReportAction judged, List<string> bannerLanguages, double probability, List<string> signals) =>
        judged == ReportAction.Banner && AsksOwnSituation(message, bannerLanguages, probability, signals) ? ReportAction.Answer : judged;

    private static bool AsksOwnSituation(string message, List<string> bannerLanguages, double probability, List<string> signals)
    {
        if (bannerLanguages.Count == 0)
            return false;
        var languages = bannerLanguages.Distinct(StringComparer.Ordinal).ToList();
        var outsiderMayAsk = probability < OutsiderRequestBelow;
        var phrases = languages.Select(language => OwnSituation.Asks(message, language, outsiderMayAsk)).ToList();
        if (phrases.Any(p => p is null))
            return false;
        signals.Add($"own situation: {string.Join(", ", phrases)}");
        return true;
    }

    /// <summary>
    /// What a firing rule makes of the models' judgement: the handoff, except that an English message that ends by asking
    /// a question, in which the sentence model hears no report at all (below its banner), the writer did not say they
    /// want to report, tells of nothing seen or done to them and names nobody who may be doing it (no colleague,
    /// guard, official, "he") — or tells only of the writer's own act (<see cref="ReportDetector.TellsOfOwnAct"/>), then
    /// even where the model hears a report below <see cref="OwnActBelow"/> ("I printed my kids' homework on the office
    /// printer. Misuse of assets?") — gets the banner with its answer ("friends asked me to
    /// sign an open letter… would that be an issue?", "the university asked me to teach on trafficking, who approves
    /// this?"). A report told that way still gets the channel beside the answer.
    /// </summary>
    private static ReportAction RulesAgainstModel(string message, IReadOnlyList<string> parts, ReportAction judged, double probability, IReadOnlyList<string> languages, List<string> signals)
    {
        var english = IsEnglish(languages);
        var endsAsking = MessageParts.IsQuestion(parts.Count > 0 ? parts[^1] : message);
        var toldIntent = signals.Any(s => s.Contains("intent:", StringComparison.Ordinal));
        if (judged == ReportAction.Handoff || !english || !endsAsking || toldIntent)
            return ReportAction.Handoff;
        // The writer's own act asked about keeps its answer while the model hears no more than a question might say;
        // read only when the model or the story would otherwise hand it off.
        bool OwnAct() => ReportDetector.TellsOfOwnAct(message, parts)
            && (judged == ReportAction.Answer || (probability < OwnActBelow && !ReportDetector.NamesAnotherPerson(message)));
        if ((judged == ReportAction.Banner || ReportDetector.TellsOfWhatHappened(message)) && !OwnAct())
            return ReportAction.Handoff;
        signals.Add("rules against the model on a question: banner");
        return ReportAction.Banner;
    }

    /// <summary>The whole message reads as English (or no identifier judged it: the sentence model alone).</summary>
    private static bool IsEnglish(IReadOnlyList<string> languages) => languages.Count == 0 || languages[0] == "en";

    /// <summary>
    /// Below this sentence-model probability a request from outside ("a PhD student asked me for our data") may be the
    /// writer's own question; above it the model hears more than a request ("the ministry official wants me to add 40
    /// names to the cash list"), and the banner stays.
    /// </summary>
    public const double OutsiderRequestBelow = 0.7;

    /// <summary>
    /// Below this sentence-model probability (inside its banner band) a question about the writer's own act that brings
    /// in nobody else (<see cref="ReportDetector.NamesAnotherPerson"/>) keeps the banner rather than the handoff ("I used
    /// the office printer for my son's school project. Is that misuse of assets?"); above it the model hears a report
    /// told in the first person ("I delivered the envelope of cash to the customs official…") and the handoff stays.
    /// </summary>
    public const double OwnActBelow = 0.7;

    /// <summary>The rules on the whole message and on each of its parts: a report in any part makes it a report.</summary>
    internal static bool RulesFire(string message, IReadOnlyList<string> parts, List<string> signals)
    {
        var rules = ReportDetector.Detect(message);
        signals.AddRange(rules.Signals);
        var isReport = rules.IsReport;
        for (var i = 0; i < parts.Count; i++)
        {
            if (ReportDetector.Detect(parts[i]) is { IsReport: true } told)
            {
                isReport = true;
                signals.AddRange(told.Signals.Select(s => $"part {i + 1}: {s}"));
            }
        }
        return isReport;
    }

    /// <summary>
    /// Whether the message is in a language the screen was not trained on (then it gets at least the banner and the
    /// notice of the languages it understands).
    /// </summary>
    private bool Unfamiliar(IReadOnlyList<string> wholeWords, List<string> signals)
    {
        if (Ngram?.IsUnfamiliar(wholeWords) != true)
            return false;
        var (known, counted) = Ngram.Coverage(wholeWords);
        signals.Add($"unfamiliar language: {known} of {counted} words known");
        return true;
    }

    /// <summary>
    /// Whether enough of the message's words are in letters of no trained language (Dari shares many words with Arabic):
    /// then it gets the banner, but keeps its languages and its answer.
    /// </summary>
    private bool UnfamiliarLetters(string message, List<string> signals)
    {
        if (Ngram is null)
            return false;
        var (unfamiliar, words) = Ngram.LetterCoverage(message);
        if (!NgramModel.AreUnfamiliarLetters(unfamiliar, words))
            return false;
        signals.Add($"unfamiliar letters: {unfamiliar} of {words} words");
        return true;
    }

    private static ReportAction Decide(double p, double handoffAbove, double bannerAbove) =>
        p >= handoffAbove ? ReportAction.Handoff : p >= bannerAbove ? ReportAction.Banner : ReportAction.Answer;
}
