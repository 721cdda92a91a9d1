using System.Text.Json;
using EthicsBot.Evaluation;
using EthicsBot.Features.Safety;
using EthicsBot.Knowledge.Embeddings;
using EthicsBot.Knowledge.Search.Semantic;
using EthicsBot.Shared.Knowledge;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace EthicsBot.Cli;

/// <summary>
/// <c>train intent [--corpus FILE.jsonl] [--languages DIR] [--banks DIR] [--out model.json] [--ngram-out ngram-model.json] [--seed N]</c>:
/// encodes the labelled corpus (each message whole, and a question's parts as the screen reads them, learnt as questions), picks the thresholds on out-of-fold predictions (5-fold cross-validation, folds drawn
/// with the seed), trains the shipped model on the whole corpus and writes it with the figures the thresholds gave;
/// then the n-gram model (<see cref="NgramTrainer"/>) on the corpus and every <c>DIR/*.jsonl</c> (default: the
/// <c>languages</c> folder beside the corpus), with thresholds and figures per language. The question banks are learnt as
/// questions too (<c>--banks DIR</c>, default the <c>questions</c> folder beside the corpus's folder): the organisations'
/// English banks (<c>DIR/*.jsonl</c>) by both models, each language's bank (<c>DIR/languages/xx.jsonl</c>) by the n-gram
/// model, but for the questions marked as telling of misconduct and those the rules hand off. Same data and seed, same files.
/// </summary>
internal static class TrainCommand
{
    private const int Folds = 5;

    /// <summary>The handoff threshold is the lowest whose out-of-fold false handoff rate is at most this.</summary>
    public const double TargetFalseHandoff = 0.02;

    /// <summary>The banner threshold is the highest whose out-of-fold report recall (handoff or banner) is at least this.</summary>
    public const double TargetRecall = 0.97;

    public static async Task<int> RunAsync(string[] args, CommandContext context)
    {
        var arguments = new Arguments(args, new HashSet<string> { "corpus", "out", "seed", "languages", "banks", "ngram-out" }, new HashSet<string>());
        if (arguments.Positional.Count != 1 || arguments.Positional[0] != "intent")
            throw new UsageException("train needs what to train: intent.");
        var knowledge = context.Services.GetRequiredService<IOptions<KnowledgeSettings>>().Value;
        var corpusPath = arguments.Value("corpus") ?? Path.Combine(knowledge.ResolvedPath, "intent", "corpus.jsonl");
        var outPath = arguments.Value("out") ?? context.Services.GetRequiredService<IOptions<SafetySettings>>().Value.ResolvedModelPath(knowledge);
        var seed = arguments.Int("seed", 13, 0, int.MaxValue);
        var corpusDir = Path.GetDirectoryName(Path.GetFullPath(corpusPath))!;
        var languagesDir = arguments.Value("languages") ?? Path.Combine(corpusDir, "languages");
        var banks = await BanksAsync(arguments.Value("banks") ?? Path.Combine(Path.GetDirectoryName(corpusDir)!, "questions"), context).ConfigureAwait(false);
        var ngramOut = arguments.Value("ngram-out") ?? (arguments.Value("out") is { } o
            ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(o))!, SafetySettings.NgramModelFile)
            : context.Services.GetRequiredService<IOptions<SafetySettings>>().Value.ResolvedNgramModelPath(knowledge));

        var corpus = JsonLines.Read(corpusPath, IntentCase.Parse);
        var englishBanks = banks.Where(b => b.Language == "en").ToList();
        var englishBank = englishBanks.SelectMany(b => b.Questions).ToList();
        List<IntentCase> cases = [.. corpus, .. englishBank];
        bool[] fromBank = [.. corpus.Select(_ => false), .. englishBank.Select(_ => true)];
        var encoder = context.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var read = await ReadAsScreenedAsync(cases, encoder).ConfigureAwait(false);
        var labels = cases.Select(c => c.IsReport).ToList();
        // The rules as the screen runs them: on the whole message and on each of its parts.
        var rules = cases.Select(c => ReportScreen.RulesFire(c.Text, MessageParts.Of(c.Text), [])).ToList();

        var (handoff, banner, figures) = ChooseThresholds(OutOfFold(read, labels, seed), labels, rules, fromBank);
        var (learntVectors, learntLabels) = read.Learnt(labels, _ => true);
        var (weights, bias) = ReportModel.Train(learntVectors, learntLabels);
        var trainedOn = string.Join(", ", englishBanks.Select(b => "questions/" + b.File).Prepend(Path.GetFileName(corpusPath)));
        var model = Model(weights, bias, handoff, banner, trainedOn, cases.Count, seed, figures);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
        await File.WriteAllTextAsync(outPath, JsonSerializer.Serialize(model, ReportModel.Json) + "\n").ConfigureAwait(false);
        await context.Out.WriteLineAsync($"trained on {cases.Count} messages ({labels.Count(l => l)} reports) and {learntVectors.Count - cases.Count} parts of questions, seed {seed}; wrote {outPath}").ConfigureAwait(false);
        await context.Out.WriteLineAsync(JsonSerializer.Serialize(new { handoff_above = handoff, banner_above = banner, oof_report_recall = figures.ReportRecall, oof_false_handoff_rate = figures.FalseHandoffRate, oof_banner_rate = figures.BannerRate, bank_n = figures.Bank?.N, bank_oof_false_handoff_rate = figures.Bank?.FalseHandoffRate, bank_oof_banner_rate = figures.Bank?.BannerRate })).ConfigureAwait(false);
        await TrainNgramAsync(corpusPath, corpus, (languagesDir, banks), ngramOut, seed, context).ConfigureAwait(false);
        return 0;
    }

    /// <summary>
    /// Out-of-fold probabilities: each message scored by a model that never saw it nor its parts (folds drawn with the
    /// seed), as the screen scores it: the most of the whole's and its parts'.
    /// </summary>
    private static double[] OutOfFold(ScreenedCases read, IReadOnlyList<bool> labels, int seed)
    {
        var order = Enumerable.Range(0, labels.Count).ToArray();
        new Random(seed).Shuffle(order);
        var foldOf = new int[labels.Count];
        for (var position = 0; position < order.Length; position++)
            foldOf[order[position]] = position % Folds;
        var outOfFold = new double[labels.Count];
        for (var f = 0; f < Folds; f++)
        {
            var (vectors, learnt) = read.Learnt(labels, i => foldOf[i] != f);
            var (w, b) = ReportModel.Train(vectors, learnt);
            var foldModel = Model(w, b, 0.5, 0.5, "", 0, seed, null);
            foreach (var i in Enumerable.Range(0, labels.Count).Where(i => foldOf[i] == f))
                outOfFold[i] = read.Parts[i].Prepend(read.Whole[i]).Max(v => foldModel.Probability(v));
        }
        return outOfFold;
    }

    /// <summary>
    /// Each message's vector, those of the parts the screen judges on their own (<see cref="ReportScreen.SentenceModelParts"/>),
    /// which score it as they do in the screen, and a question's every part, learnt as questions: "The DG decided not to
    /// extend our programme." read alone is no report. A report's parts are not learnt (one of them may be the harmless
    /// context).
    /// </summary>
    private sealed record ScreenedCases(IReadOnlyList<float[]> Whole, IReadOnlyList<IReadOnlyList<float[]>> Parts, IReadOnlyList<IReadOnlyList<float[]>> QuestionParts)
    {
        /// <summary>What a model learns from the messages <paramref name="include"/> takes: each whole, and a question's parts.</summary>
        public (List<float[]> Vectors, List<bool> Labels) Learnt(IReadOnlyList<bool> labels, Func<int, bool> include)
        {
            var vectors = new List<float[]>();
            var learnt = new List<bool>();
            for (var i = 0; i < Whole.Count; i++)
            {
                if (!include(i))
                    continue;
                vectors.Add(Whole[i]);
                learnt.Add(labels[i]);
                vectors.AddRange(QuestionParts[i]);
                learnt.AddRange(QuestionParts[i].Select(_ => false));
            }
            return (vectors, learnt);
        }
    }

    private static async Task<ScreenedCases> ReadAsScreenedAsync(IReadOnlyList<IntentCase> cases, IEmbeddingGenerator<string, Embedding<float>> encoder)
    {
        var judged = cases.Select(c => ReportScreen.SentenceModelParts(c.Text)).ToList();
        var learnt = cases.Select(c => c.IsReport ? [] : ReportScreen.SentenceModelParts(c.Text, judgedAloneOnly: false)).ToList();
        var texts = cases.Select(c => c.Text).Concat(judged.Concat(learnt).SelectMany(p => p)).Distinct(StringComparer.Ordinal).ToList();
        var encoded = (await encoder.GenerateAsync(texts).ConfigureAwait(false)).Select(e => e.Vector.ToArray()).ToList();
        var vectorOf = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (var i = 0; i < texts.Count; i++)
            vectorOf[texts[i]] = encoded[i];
        List<IReadOnlyList<float[]>> Vectors(List<IReadOnlyList<string>> parts) => [.. parts.Select(p => (IReadOnlyList<float[]>)[.. p.Select(t => vectorOf[t])])];
        return new ScreenedCases([.. cases.Select(c => vectorOf[c.Text])], Vectors(judged), Vectors(learnt));
    }

    /// <summary>One bank's questions the screen learns as harmless, in its language.</summary>
    private sealed record BankQuestions(string File, string Language, IReadOnlyList<IntentCase> Questions);

    /// <summary>
    /// The question banks as questions: the organisations' (<c>DIR/*.jsonl</c>, English) and each language's
    /// (<c>DIR/languages/xx.jsonl</c>), but for the questions marked as telling of misconduct and those the rules hand off.
    /// </summary>
    private static async Task<IReadOnlyList<BankQuestions>> BanksAsync(string folder, CommandContext context)
    {
        var ids = context.Services.GetRequiredService<ClauseCatalog>().All.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        static IEnumerable<string> Files(string dir) => Directory.Exists(dir) ? Directory.GetFiles(dir, "*.jsonl").Order(StringComparer.Ordinal) : [];
        var banks = new List<BankQuestions>();
        foreach (var (file, language) in Files(folder).Select(f => (f, "en")).Concat(Files(Path.Combine(folder, "languages")).Select(f => (f, Path.GetFileNameWithoutExtension(f)))))
        {
            var all = QuestionBank.LoadFile(file, ids);
            var told = all.Where(q => !q.TellsOfMisconduct).ToList();
            var questions = told.Where(q => !NgramTrainer.RulesFire(q.Question)).Select((q, i) => new IntentCase(i + 1, q.Question, false) { Lang = language }).ToList();
            var name = Path.GetRelativePath(folder, file).Replace('\\', '/');
            banks.Add(new BankQuestions(name, language, questions));
            await context.Out.WriteLineAsync($"bank {name}: {questions.Count} questions learnt as questions; left out {all.Count - told.Count} marked as telling of misconduct, {told.Count - questions.Count} the rules hand off").ConfigureAwait(false);
        }
        return banks;
    }

    /// <summary>The n-gram model on the corpus, every language file and every bank's questions; its figures per judged language.</summary>
    private static async Task TrainNgramAsync(string corpusPath, IReadOnlyList<IntentCase> corpus, (string Languages, IReadOnlyList<BankQuestions> Banks) data, string outPath, int seed, CommandContext context)
    {
        var languagesDir = data.Languages;
        var files = Directory.Exists(languagesDir) ? Directory.GetFiles(languagesDir, "*.jsonl").Order(StringComparer.Ordinal).ToList() : [];
        var lines = new List<NgramTrainer.Line>();
        foreach (var (path, cases) in files.Select(f => (f, JsonLines.Read(f, IntentCase.Parse))).Prepend((corpusPath, corpus)))
            foreach (var c in cases)
                lines.Add(new NgramTrainer.Line(c.Text, c.IsReport, c.Lang ?? throw new InvalidDataException($"{path} line {c.Line}: the n-gram model needs each line's \"lang\".")));
        lines.AddRange(data.Banks.SelectMany(b => b.Questions).Select(q => new NgramTrainer.Line(q.Text, false, q.Lang!) { FromBank = true }));
        var started = System.Diagnostics.Stopwatch.StartNew();
        var model = NgramTrainer.Train(lines, [.. MiniLmEmbeddingGenerator.Languages], seed,
            [Path.GetFileName(corpusPath), .. files.Select(f => "languages/" + Path.GetFileName(f)), .. data.Banks.Select(b => "questions/" + b.File)]);
        // The languages' names for the notice, from names.json beside the language files (an ISO 639-1 code: a name).
        var namesPath = Path.Combine(languagesDir, "names.json");
        if (File.Exists(namesPath))
        {
            var names = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(namesPath).ConfigureAwait(false)) ?? [];
            model = model with { Names = model.Languages.Where(names.ContainsKey).ToDictionary(l => l, l => names[l], StringComparer.Ordinal) };
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
        await File.WriteAllTextAsync(outPath, JsonSerializer.Serialize(model, NgramModel.Json) + "\n").ConfigureAwait(false);
        await context.Out.WriteLineAsync(FormattableString.Invariant(
            $"n-gram model: {lines.Count} messages in {string.Join(", ", model.Languages)} ({lines.Count(l => l.IsReport)} reports), seed {seed}, {started.Elapsed.TotalSeconds:0} s; unfamiliar below {model.UnfamiliarBelow:0.00} known words; wrote {outPath}")).ConfigureAwait(false);
        foreach (var (language, t) in model.Judges.OrderBy(j => j.Key, StringComparer.Ordinal))
            await context.Out.WriteLineAsync($"{language}: " + JsonSerializer.Serialize(new
            {
                handoff_above = t.HandoffAbove, banner_above = t.BannerAbove, n = t.Validation?.N, oof_report_recall = t.Validation?.ReportRecall,
                oof_false_handoff_rate = t.Validation?.FalseHandoffRate, oof_banner_rate = t.Validation?.BannerRate, oof_unfamiliar_rate = t.Validation?.UnfamiliarRate,
                bank_n = t.Validation?.Bank?.N, bank_oof_false_handoff_rate = t.Validation?.Bank?.FalseHandoffRate, bank_oof_banner_rate = t.Validation?.Bank?.BannerRate,
            })).ConfigureAwait(false);
    }

    private static ReportModel Model(float[] weights, float bias, double handoff, double banner, string corpus, int examples, int seed, ThresholdFigures? figures) => new()
    {
        Encoder = MiniLmEmbeddingGenerator.ModelId,
        Weights = weights,
        Bias = bias,
        HandoffAbove = handoff,
        BannerAbove = banner,
        TrainedOn = corpus,
        Examples = examples,
        Seed = seed,
        Validation = figures,
    };

    /// <summary>Both thresholds from out-of-fold probabilities, the rules counted as they act in the bot.</summary>
    public static (double Handoff, double Banner, ThresholdFigures Figures) ChooseThresholds(IReadOnlyList<double> p, IReadOnlyList<bool> isReport, IReadOnlyList<bool> ruleFires,
        IReadOnlyList<bool>? fromBank = null)
    {
        var questions = Enumerable.Range(0, p.Count).Where(i => !isReport[i]).ToList();
        var reports = Enumerable.Range(0, p.Count).Where(i => isReport[i]).ToList();
        var grid = Enumerable.Range(1, 99).Select(i => i / 100.0).ToList();
        var handoff = NgramTrainer.HandoffThreshold(p, questions, ruleFires, fromBank, TargetFalseHandoff, beyondRules: true);
        double Recall(double t) => reports.Count(i => ruleFires[i] || p[i] >= t) / (double)Math.Max(1, reports.Count);
        var banner = grid.Where(t => t <= handoff).LastOrDefault(t => Recall(t) >= TargetRecall, 0.01);
        double FalseHandoff(List<int> of) => Math.Round(of.Count(i => ruleFires[i] || p[i] >= handoff) / (double)Math.Max(1, of.Count), 4);
        double Banner(List<int> of) => Math.Round(of.Count(i => !ruleFires[i] && p[i] >= banner && p[i] < handoff) / (double)Math.Max(1, of.Count), 4);
        var (corpus, bank) = NgramTrainer.ByKind(questions, fromBank);
        return (handoff, banner, new ThresholdFigures(Math.Round(Recall(banner), 4), FalseHandoff(corpus), Banner(corpus))
        {
            Bank = bank.Count == 0 ? null : new QuestionFigures(bank.Count, FalseHandoff(bank), Banner(bank)),
        });
    }
}
