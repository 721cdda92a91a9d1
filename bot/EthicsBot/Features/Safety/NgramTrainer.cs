using EthicsBot.Knowledge.Text;
namespace EthicsBot.Features.Safety;

/// <summary>
/// Trains the <see cref="NgramModel"/> from labelled lines in every language: thresholds per judged language from
/// 5-fold out-of-fold predictions (folds drawn with the seed), each line scored whole and by its parts as the screen
/// scores it, with the rules counted as they act in the bot; the language identifier and the vocabulary; then the
/// shipped weights on every line. Same lines and seed, same model.
/// </summary>
public static class NgramTrainer
{
    public const int Folds = 5;
    public const int Bits = 18;
    public const int IdentifyBits = 16;

    /// <summary>
    /// Passes of gradient descent. 250 left the model short of its fit once the banks' questions came in: out of fold,
    /// at the same report recall, 1,000 put the banner on 0.18–0.27 of the corpus's questions instead of 0.27–0.36, and
    /// on 0.03–0.09 of the banks' instead of 0.06–0.21 (the L2 penalty, 3e-6 to 3e-5, changed nothing). Training takes
    /// about twelve minutes on two cores.
    /// </summary>
    public const int Epochs = 1000;

    /// <summary>The handoff threshold is the lowest whose out-of-fold false handoff rate (rules included) is at most this.</summary>
    public const double TargetFalseHandoff = 0.02;

    /// <summary>The banner threshold is the highest whose out-of-fold report recall (handoff or banner) is at least this.</summary>
    public const double TargetRecall = 0.98;

    /// <summary>A language's lines that the vocabulary check may call unfamiliar, out of fold: at most this share.</summary>
    public const double UnfamiliarQuantile = 0.01;

    public const int UnfamiliarMinWords = 3;

    /// <summary>The identifier's score at or above which a text also goes to a language that is not its likeliest.</summary>
    public const double RouteAbove = 0.3;

    /// <summary>A labelled line; <see cref="FromBank"/> for a question of the question banks (checked apart, see <see cref="HandoffThreshold"/>).</summary>
    public sealed record Line(string Text, bool IsReport, string Language)
    {
        public bool FromBank { get; init; }
    }

    public static NgramModel Train(IReadOnlyList<Line> lines, IReadOnlyCollection<string> sentenceModelLanguages, int seed, IReadOnlyList<string> trainedOn,
        double l2 = 1e-5, int epochs = Epochs)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(sentenceModelLanguages);
        var n = lines.Count;
        var words = lines.Select(l => NgramFeatures.Words(l.Text)).ToArray();
        var wholes = words.Select(w => NgramFeatures.Of(w, Bits)).ToArray();
        var units = lines.Select((l, i) => (IReadOnlyList<SparseVector>)[wholes[i], .. JudgedParts(l.Text).Select(p => NgramFeatures.Of(p, Bits))]).ToArray();
        var rules = lines.Select(l => RulesFire(l.Text)).ToArray();
        var labels = lines.Select(l => l.IsReport).ToArray();
        var languages = lines.Select(l => l.Language).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var identifyWholes = wholes.Select(w => NgramModel.Fold(w, IdentifyBits)).ToArray();

        var (outOfFold, unfamiliarShare) = OutOfFold(n, seed, wholes, units, words, labels, (languages, [.. lines.Select(l => l.Language)]), l2, epochs);

        var unfamiliarBelow = UnfamiliarThreshold(lines, languages, unfamiliarShare);
        var unfamiliar = unfamiliarShare.Select(s => s < unfamiliarBelow).ToArray();

        var judges = new Dictionary<string, LanguageThresholds>(StringComparer.Ordinal);
        foreach (var language in languages.Where(l => !sentenceModelLanguages.Contains(l)))
        {
            var mine = Enumerable.Range(0, n).Where(i => lines[i].Language == language).ToList();
            judges[language] = Choose(mine.Select(i => outOfFold[i]).ToList(), mine.Select(i => labels[i]).ToList(), mine.Select(i => rules[i]).ToList(), mine.Select(i => unfamiliar[i]).ToList(),
                [.. mine.Select(i => lines[i].FromBank)]);
        }

        // The shipped weights: every line; the identifier: one regression per language over the folded features.
        var (weights, bias) = SparseLogistic.Train(wholes, labels, 1 << Bits, l2, epochs, groups: [.. lines.Select(l => l.Language)]);
        var identify = TrainIdentifiers(identifyWholes, lines, languages, l2, epochs);
        return new NgramModel
        {
            Bits = Bits,
            Languages = languages,
            Report = new LinearWeights(HalfArrayConverter.Round(weights), bias),
            IdentifyBits = IdentifyBits,
            Identifiers = identify,
            RouteAbove = RouteAbove,
            Vocabulary = NgramModel.VocabularyOf(words, Bits),
            UnfamiliarBelow = unfamiliarBelow,
            UnfamiliarMinWords = UnfamiliarMinWords,
            Letters = NgramModel.LettersOf(lines.Select(l => l.Text)),
            Judges = judges,
            TrainedOn = [.. trainedOn],
            Examples = n,
            Seed = seed,
        };
    }

    /// <summary>Out of fold: each line scored by a model that never saw it, its words checked against a vocabulary without it.</summary>
    private static (double[] OutOfFold, double[] UnfamiliarShare) OutOfFold(int n, int seed, SparseVector[] wholes, IReadOnlyList<SparseVector>[] units,
        string[][] words, bool[] labels, (string[] All, string[] Of) languages, double l2, int epochs)
    {
        var order = Enumerable.Range(0, n).ToArray();
        new Random(seed).Shuffle(order);
        var foldOf = new int[n];
        for (var position = 0; position < n; position++)
            foldOf[order[position]] = position % Folds;

        var outOfFold = new double[n];
        var unfamiliarShare = new double[n];
        Parallel.For(0, Folds, new ParallelOptions { MaxDegreeOfParallelism = 2 }, f =>
        {
            var train = Enumerable.Range(0, n).Where(i => foldOf[i] != f).ToList();
            var (w, b) = SparseLogistic.Train(train.Select(i => wholes[i]).ToList(), train.Select(i => labels[i]).ToList(), 1 << Bits, l2, epochs, groups: [.. train.Select(i => languages.Of[i])]);
            w = HalfArrayConverter.Round(w);
            var vocabulary = NgramModel.VocabularyOf(train.Select(i => (IReadOnlyList<string>)words[i]), Bits);
            var probe = Shell(new LinearWeights(w, b), vocabulary, languages.All);
            foreach (var i in Enumerable.Range(0, n).Where(i => foldOf[i] == f))
            {
                outOfFold[i] = units[i].Max(probe.Probability);
                var (known, counted) = probe.Coverage(words[i]);
                unfamiliarShare[i] = counted >= UnfamiliarMinWords ? (double)known / counted : 1;
            }
        });

        return (outOfFold, unfamiliarShare);
    }

    /// <summary>The vocabulary check: below the lowest of the languages' low quantiles of known words.</summary>
    private static double UnfamiliarThreshold(IReadOnlyList<Line> lines, string[] languages, double[] unfamiliarShare)
    {
        var n = lines.Count;
        var below = languages.Min(l =>
        {
            var shares = Enumerable.Range(0, n).Where(i => lines[i].Language == l).Select(i => unfamiliarShare[i]).Order().ToArray();
            return shares[(int)Math.Floor(UnfamiliarQuantile * (shares.Length - 1))];
        });
        return Math.Floor(below * 100) / 100;
    }

    /// <summary>The language identifier: one regression per language over the folded features.</summary>
    private static Dictionary<string, LinearWeights> TrainIdentifiers(SparseVector[] identifyWholes, IReadOnlyList<Line> lines, string[] languages, double l2, int epochs)
    {
        var identify = new Dictionary<string, LinearWeights>(StringComparer.Ordinal);
        var identifiers = new LinearWeights[languages.Length];
        Parallel.For(0, languages.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, k =>
        {
            var (lw, lb) = SparseLogistic.Train(identifyWholes, lines.Select(l => l.Language == languages[k]).ToList(), 1 << IdentifyBits, l2, epochs);
            identifiers[k] = new LinearWeights(HalfArrayConverter.Round(lw), lb);
        });
        for (var k = 0; k < languages.Length; k++)
            identify[languages[k]] = identifiers[k];
        return identify;
    }

    /// <summary>The parts of a message the model reads on their own, as the screen does: not one followed by a question (its context).</summary>
    public static IEnumerable<string> JudgedParts(string message)
    {
        var parts = MessageParts.Of(message, ReportScreen.MaxModelParts);
        for (var i = 0; i < parts.Count; i++)
            if (!(i + 1 < parts.Count && MessageParts.IsQuestion(parts[i + 1])))
                yield return parts[i];
    }

    /// <summary>Whether the rules hand the message off, whole or by a part, as the screen reads it.</summary>
    public static bool RulesFire(string message) =>
        ReportDetector.Detect(message).IsReport || MessageParts.Of(message).Any(p => ReportDetector.Detect(p).IsReport);

    private static NgramModel Shell(LinearWeights report, byte[] vocabulary, string[] languages) => new()
    {
        Bits = Bits,
        Languages = languages,
        Report = report,
        IdentifyBits = IdentifyBits,
        Identifiers = [],
        RouteAbove = RouteAbove,
        Vocabulary = vocabulary,
        UnfamiliarBelow = 0,
        UnfamiliarMinWords = UnfamiliarMinWords,
        Judges = [],
        TrainedOn = [],
    };

    /// <summary>A language's thresholds from its out-of-fold probabilities, and the figures they give (rules and the unfamiliar-language banner counted).</summary>
    public static LanguageThresholds Choose(IReadOnlyList<double> p, IReadOnlyList<bool> isReport, IReadOnlyList<bool> ruleFires, IReadOnlyList<bool> unfamiliar,
        IReadOnlyList<bool>? fromBank = null)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(isReport);
        var questions = Enumerable.Range(0, p.Count).Where(i => !isReport[i]).ToList();
        var reports = Enumerable.Range(0, p.Count).Where(i => isReport[i]).ToList();
        double Share(List<int> of, Func<int, bool> test) => of.Count == 0 ? 0 : of.Count(test) / (double)of.Count;
        var grid = Enumerable.Range(1, 99).Select(i => i / 100.0).ToList();
        var handoff = HandoffThreshold(p, questions, ruleFires, fromBank, TargetFalseHandoff);
        double Recall(double t) => Share(reports, i => ruleFires[i] || unfamiliar[i] || p[i] >= t);
        var banner = grid.Where(t => t <= handoff).LastOrDefault(t => Recall(t) >= TargetRecall, 0.01);
        double FalseHandoff(List<int> of) => Math.Round(Share(of, i => ruleFires[i] || p[i] >= handoff), 4);
        double Banner(List<int> of) => Math.Round(Share(of, i => !ruleFires[i] && p[i] < handoff && (p[i] >= banner || unfamiliar[i])), 4);
        var (corpus, bank) = ByKind(questions, fromBank);
        var figures = new LanguageFigures(p.Count, Math.Round(Recall(banner), 4), FalseHandoff(corpus), Banner(corpus),
            Math.Round(Share([.. Enumerable.Range(0, p.Count)], i => unfamiliar[i]), 4))
        {
            Bank = bank.Count == 0 ? null : new QuestionFigures(bank.Count, FalseHandoff(bank), Banner(bank)),
        };
        return new LanguageThresholds(handoff, banner, figures);
    }

    /// <summary>
    /// The lowest threshold (of 0.01 … 0.99) whose false handoff rate, rules counted, is at most <paramref name="target"/>
    /// within each group of questions: the corpus's and the banks'. Counted over both at once, the banks' many plain
    /// questions would dilute the corpus's hard ones (a person's own gift, a rule question naming a wrongdoing) and lower
    /// the threshold onto them. <paramref name="beyondRules"/>: the model may add at most <paramref name="target"/> to
    /// what the rules already hand off (the sentence model: English questions of one's own conduct that name a wrongdoing
    /// fire rules no threshold can undo, and would push the threshold to the top, leaving the model no handoff at all).
    /// </summary>
    public static double HandoffThreshold(IReadOnlyList<double> p, IReadOnlyList<int> questions, IReadOnlyList<bool> ruleFires, IReadOnlyList<bool>? fromBank, double target,
        bool beyondRules = false)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(ruleFires);
        var grid = Enumerable.Range(1, 99).Select(i => i / 100.0).ToList();
        var (corpus, bank) = ByKind(questions, fromBank);
        List<List<int>> groups = [.. new[] { corpus, bank }.Where(g => g.Count > 0)];
        return groups.Count == 0 ? grid[0]
            : groups.Max(g => grid.FirstOrDefault(t => g.Count(i => ruleFires[i] || p[i] >= t) <= (target * g.Count) + (beyondRules ? g.Count(i => ruleFires[i]) : 0), 0.99));
    }

    /// <summary>The questions in two groups: the corpus's, and the question banks' (none when <paramref name="fromBank"/> is null).</summary>
    public static (List<int> Corpus, List<int> Bank) ByKind(IReadOnlyList<int> questions, IReadOnlyList<bool>? fromBank)
    {
        ArgumentNullException.ThrowIfNull(questions);
        return ([.. questions.Where(i => fromBank is null || !fromBank[i])], [.. questions.Where(i => fromBank is not null && fromBank[i])]);
    }
}
