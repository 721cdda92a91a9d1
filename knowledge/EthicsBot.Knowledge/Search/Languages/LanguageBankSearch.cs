using EthicsBot.Knowledge.Documents;
using EthicsBot.Knowledge.Search.Semantic;

namespace EthicsBot.Knowledge.Search.Languages;

/// <summary>How the two signals of a language's bank are weighed (measured on the banks held out one question at a time).</summary>
public sealed class LanguageBankWeights
{
    /// <summary>Similarity of the question's character n-grams to the clause's bank questions summed (its centroid).</summary>
    public double Ngram { get; set; } = 0.7;

    /// <summary>BM25 over the bank with the language's stemmer, squashed to 0..1 as s / (s + <see cref="KeywordScale"/>).</summary>
    public double Keyword { get; set; } = 0.3;

    public double KeywordScale { get; set; } = 10;

    /// <summary>
    /// The banks of languages written in the same script are searched together, each language's own first: Spanish and
    /// Portuguese (and French) staff share many words, and each bank is small (measured with <c>eval banks</c>).
    /// </summary>
    public bool Pooled { get; set; } = true;

    /// <summary>
    /// Build every language's index and measure its gate in the background after start (a few seconds of CPU), so the
    /// first question in a language does not wait; off, each is done when its language is first asked.
    /// </summary>
    public bool WarmAtStart { get; set; } = true;

    /// <summary>How much the score drops by when the question is closer to the language's everyday office questions.</summary>
    public double Everyday { get; set; } = 0.6;
}

/// <summary>What held-out bank and everyday questions of a language say about its "not covered" gate.</summary>
/// <param name="Threshold">Below it, the Code does not clearly cover the question.</param>
/// <param name="BankAnswered">Share of bank questions, each held out of the bank, that the gate lets through.</param>
/// <param name="EverydayStopped">Share of everyday office questions, each held out, that it stops.</param>
/// <param name="RecallAt1">Held-out bank questions whose own clause comes first.</param>
/// <param name="RecallAt3">… in the first three.</param>
public sealed record LanguageGate(double Threshold, double BankAnswered, double EverydayStopped, double RecallAt1, double RecallAt3);

/// <summary>
/// Questions in French, Spanish, Arabic, Portuguese (any language with a bank file): matched against that language's
/// question bank (<c>knowledge/questions/languages/xx.jsonl</c>, lines <c>{"clause","question"}</c>) with
/// language-independent n-gram similarity and BM25 with the language's stemmer, fused by weight. The "not covered"
/// gate of each language is measured on its own bank and everyday questions (<c>…/languages/everyday/xx.jsonl</c>),
/// each held out in turn. The quote is the clause's own English words (<paramref name="quote"/>).
/// </summary>
public sealed class LanguageBankSearch(IReadOnlyList<LanguageBankSearch.Bank> banks, LanguageBankWeights weights, Func<Clause, IReadOnlyList<string>> quote,
    IReadOnlyDictionary<string, (string Fingerprint, LanguageGate Gate)>? shipped = null) : IDisposable
{
    /// <summary>A language's bank and its everyday office questions.</summary>
    public sealed record Bank(string Language, IReadOnlyList<(Clause Clause, string Question)> Questions, IReadOnlyList<string> Everyday)
    {
        /// <summary>The script most of the bank's letters are in (Unicode block of the letter, Latin letters as one).</summary>
        public string Script { get; } = Questions.SelectMany(q => q.Question).Where(char.IsLetter)
            .GroupBy(c => c < '\u0250' ? "Latin" : ((int)c >> 7).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault() ?? "";
    }

    /// <summary>Each language's index, built the first time it is needed (the bot's start does it in the background).</summary>
    private readonly Dictionary<string, Lazy<BankIndex>> _indexes = banks.ToDictionary(b => b.Language,
        b => new Lazy<BankIndex>(() => new BankIndex(b.Language, b.Questions, Pooled(banks, b, weights), b.Everyday)),
        StringComparer.Ordinal);
    private readonly Dictionary<string, Bank> _banks = banks.ToDictionary(b => b.Language, StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<LanguageGate>> _gates = new(StringComparer.Ordinal);

    public static LanguageBankSearch None { get; } = new([], new LanguageBankWeights(), _ => []);

    /// <summary>
    /// Every <c>xx.jsonl</c> of <paramref name="folder"/> (none when it is missing), with <c>everyday/xx.jsonl</c>
    /// beside it when there is one. A line naming a clause the Codes do not have stops the load, naming file and line.
    /// </summary>
    public static LanguageBankSearch Load(string folder, IReadOnlyCollection<Clause> clauses, LanguageBankWeights weights, Func<Clause, IReadOnlyList<string>> quote)
    {
        ArgumentNullException.ThrowIfNull(clauses);
        if (!Directory.Exists(folder))
            return new LanguageBankSearch([], weights, quote);
        var byId = clauses.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var ids = byId.Keys.ToHashSet(StringComparer.Ordinal);
        var banks = Directory.EnumerateFiles(folder, "*.jsonl").Order(StringComparer.Ordinal)
            .Select(file => new Bank(Path.GetFileNameWithoutExtension(file),
                [.. QuestionBank.LoadFile(file, ids).Select(q => (byId[q.Clause], q.Question))],
                QuestionBank.LoadEveryday(Path.Combine(folder, "everyday", Path.GetFileName(file)))))
            .ToList();
        return new LanguageBankSearch(banks, weights, quote, ShippedGates.Read(Path.Combine(folder, ShippedGates.FileName)));
    }

    /// <summary>The languages with a bank (ISO 639-1), in order.</summary>
    public IReadOnlyList<string> Languages => [.. _indexes.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The language has a bank whose index could be built (one that failed is not used: its questions go the English way).</summary>
    public bool Answers(string? language)
    {
        if (language is null || !_indexes.ContainsKey(language))
            return false;
        try
        {
            _ = Gate(language);
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false; // the bot's warm-up logs why
        }
    }

    /// <summary>How many bank questions a language has.</summary>
    public int BankSize(string language) => _banks.TryGetValue(language, out var bank) ? bank.Questions.Count : 0;

    /// <summary>The best clauses of <paramref name="organization"/> for a question in <paramref name="language"/>, best first.</summary>
    public IReadOnlyList<ClauseHit> Search(string question, string language, string organization, int top)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (!_indexes.TryGetValue(language, out var lazy))
            throw new ArgumentException($"No question bank in \"{language}\".", nameof(language));
        return [.. Scores(lazy.Value, question, organization, held: -1).Take(top).Select(s => new ClauseHit(s.Clause, s.Score, quote(s.Clause)))];
    }

    /// <summary>
    /// The language's gate: the one <c>embed</c> shipped when it was measured on this very bank and weights, otherwise
    /// measured the first time it is asked for.
    /// </summary>
    public LanguageGate Gate(string language) =>
        _gates.GetOrAdd(language, l => new Lazy<LanguageGate>(() =>
            shipped is not null && shipped.TryGetValue(l, out var stored) && stored.Fingerprint == Fingerprint(l) ? stored.Gate : MeasureGate(l))).Value;

    /// <summary>The gate measured now on the language's bank, each question held out in turn (seconds of CPU).</summary>
    public LanguageGate MeasureGate(string language)
    {
        var index = _indexes[language].Value;
        return LanguageGates.Measure(index, (q, org, held) => Scores(index, q, org, held));
    }

    /// <summary>What the language's gate was measured on, as <see cref="ShippedGates"/> writes it.</summary>
    public string Fingerprint(string language) => ShippedGates.Fingerprint(_banks[language], Pooled(banks, _banks[language], weights), weights);

    /// <summary>Builds the language's index and reads (or measures) its gate: what the bot's start does in the background.</summary>
    public LanguageGate Warm(string language)
    {
        _ = _indexes[language].Value;
        return Gate(language);
    }

    /// <summary>The questions of the other banks in the same script, searched after the language's own.</summary>
    private static List<(Clause Clause, string Question)> Pooled(IReadOnlyList<Bank> banks, Bank bank, LanguageBankWeights weights) =>
        weights.Pooled ? [.. banks.Where(o => o != bank && o.Script == bank.Script).SelectMany(o => o.Questions)] : [];

    /// <summary>
    /// Each clause's fused score, best first. <paramref name="held"/> is the question's own place when it is held out
    /// to measure the gate (out of its clause's sum and the BM25 hits; or, past the bank, out of the everyday list), or −1.
    /// </summary>
    internal List<(Clause Clause, double Score)> Scores(BankIndex index, string question, string organization, int held)
    {
        var weighted = index.Weighted(question);
        var heldClause = held >= 0 && held < index.Questions.Count ? index.Questions[held].Clause.Id : null;
        var keyword = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var (doc, score) in index.Keyword(question, organization, KeywordDepth))
            if (doc != held)
                keyword[index.Questions[doc].Clause.Id] = Math.Max(keyword.GetValueOrDefault(index.Questions[doc].Clause.Id), score);
        var clauses = index.Clauses(organization);
        if (clauses.Count == 0)
            return [];
        var centroids = index.Centroids(weighted, heldClause);
        var ngram = clauses.Select(c => (Clause: c, Similarity: centroids[c.Id])).ToList();
        var heldEveryday = held - index.Questions.Count;
        var everyday = index.EverydayCount == 0 ? 0
            : Math.Max(0, Best(index.Everyday(weighted).Where((_, j) => j != heldEveryday)) - ngram.Max(n => n.Similarity));
        return [.. ngram.Select(n => (n.Clause, Score: (weights.Ngram * n.Similarity) + (weights.Keyword * Squash(keyword.GetValueOrDefault(n.Clause.Id))) - (weights.Everyday * everyday)))
            .OrderByDescending(s => s.Score).ThenBy(s => s.Clause.Order)];
    }

    private double Squash(float score) => score / (score + weights.KeywordScale);

    /// <summary>Half the closest everyday question, half the mean of the three closest (as the English bank is read).</summary>
    private static double Best(IEnumerable<double> similarities)
    {
        var top = similarities.OrderDescending().Take(3).ToList();
        return top.Count == 0 ? 0 : (top[0] + top.Average()) / 2;
    }

    private const int KeywordDepth = 100;

    public void Dispose()
    {
        foreach (var index in _indexes.Values.Where(i => i.IsValueCreated))
            index.Value.Dispose();
    }
}
