using EthicsBot.Knowledge.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EthicsBot.Features.Safety;

/// <summary>
/// The report screen beyond English: one logistic regression over language-independent n-gram features
/// (<see cref="NgramFeatures"/>) trained on every language of the corpus, with thresholds of its own for each language
/// it judges; a language identifier over the same features (one logistic regression per language, one-vs-rest); and
/// the corpus's vocabulary, to tell a message in a language the screen was not trained on. Written by
/// <c>train intent</c> to <c>knowledge/intent/ngram-model.json</c>; which languages the screen understands is the
/// list of languages in it, drawn from the corpus files.
/// </summary>
public sealed record NgramModel
{
    [JsonPropertyName("features")] public string Features { get; init; } = Describe;
    /// <summary>The report model's features are hashed into 2^bits buckets.</summary>
    [JsonPropertyName("bits")] public required int Bits { get; init; }
    /// <summary>Every language of the corpus: the languages the screen understands.</summary>
    [JsonPropertyName("languages")] public required string[] Languages { get; init; }
    /// <summary>The languages' names in English (from <c>languages/names.json</c>), for the language notice.</summary>
    [JsonPropertyName("names")] public Dictionary<string, string> Names { get; init; } = [];
    [JsonPropertyName("report")] public required LinearWeights Report { get; init; }
    /// <summary>The language identifier works on the features folded into 2^identifyBits buckets.</summary>
    [JsonPropertyName("identifyBits")] public required int IdentifyBits { get; init; }
    [JsonPropertyName("identify")] public required Dictionary<string, LinearWeights> Identifiers { get; init; }
    /// <summary>A message (or part) goes to each language whose identifier gives at least this, and to the likeliest.</summary>
    [JsonPropertyName("routeAbove")] public required double RouteAbove { get; init; }
    /// <summary>The corpus's words as a bit set over their buckets (2^bits bits).</summary>
    [JsonPropertyName("vocabulary")] public required byte[] Vocabulary { get; init; }
    /// <summary>A message of at least <see cref="UnfamiliarMinWords"/> words of which fewer than this share are known is in a language the screen was not trained on.</summary>
    [JsonPropertyName("unfamiliarBelow")] public required double UnfamiliarBelow { get; init; }
    [JsonPropertyName("unfamiliarMinWords")] public required int UnfamiliarMinWords { get; init; }
    /// <summary>
    /// Every letter (lower case) of the lines it was trained on. A message in which at least
    /// <see cref="UnfamiliarLetterWords"/> words, and a third of its words, have a letter outside them — Cyrillic, Turkish
    /// ı ğ ş, Hausa ɓ ɗ ƙ, Dari written with the Persian alphabet's ی ک پ — may be in a language the screen was not
    /// trained on, however many of its words look known (Dari shares many with Arabic): it gets the banner. Words of
    /// fewer than <see cref="CountedWordLength"/> letters and capitalised words after the first (names and places:
    /// "Şanlıurfa", "Nguyễn", "Dvořák") are not counted. Empty (an older file): not checked.
    /// </summary>
    [JsonPropertyName("letters")]
    public string Letters
    {
        get;
        init
        {
            field = value ?? "";
            letterSet = System.Buffers.SearchValues.Create(field);
        }
    } = "";

    public const int UnfamiliarLetterWords = 2;

    private System.Buffers.SearchValues<char> letterSet = System.Buffers.SearchValues.Create("");
    /// <summary>The languages this model judges (the others are the sentence model's), with their thresholds and figures.</summary>
    [JsonPropertyName("judges")] public required Dictionary<string, LanguageThresholds> Judges { get; init; }
    [JsonPropertyName("trainedOn")] public required string[] TrainedOn { get; init; }
    [JsonPropertyName("examples")] public int Examples { get; init; }
    [JsonPropertyName("seed")] public int Seed { get; init; }

    public const string Describe = "hashed character 1-5-grams of space-padded folded words, word unigrams and bigrams, unit length";

    public static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>The names of the languages the screen understands, in alphabetical order ("Arabic", "English"…).</summary>
    public IReadOnlyList<string> UnderstoodNames() => [.. Languages.Select(l => Names.GetValueOrDefault(l, l)).Order(StringComparer.Ordinal)];

    /// <summary>What the screen needs of one text: the languages it goes to, and the report probability.</summary>
    public (IReadOnlyList<string> Routes, double Probability) Read(IReadOnlyList<string> words)
    {
        var x = Featurize(words);
        return (Route(x), Probability(x));
    }

    public SparseVector Featurize(IReadOnlyList<string> words) => NgramFeatures.Of(words, Bits);

    public double Probability(SparseVector x) => SparseLogistic.Sigmoid(x.Dot(Report.Weights) + Report.Bias);

    /// <summary>Each language's identifier score for the text (not a distribution: code-switched text scores high for two).</summary>
    public IReadOnlyList<(string Language, double Score)> Identify(SparseVector x)
    {
        var folded = Fold(x, IdentifyBits);
        return [.. Languages.Select(l => (l, SparseLogistic.Sigmoid(folded.Dot(Identifiers[l].Weights) + Identifiers[l].Bias))).OrderByDescending(s => s.Item2)];
    }

    /// <summary>The languages a text goes to: the likeliest and any other at or above <see cref="RouteAbove"/>.</summary>
    public IReadOnlyList<string> Route(SparseVector x)
    {
        var scores = Identify(x);
        return [.. scores.Where((s, i) => i == 0 || s.Score >= RouteAbove).Select(s => s.Language)];
    }

    /// <summary>
    /// The shortest word the vocabulary check counts: two-letter words ("da", "na", "ya", "la") are common to too many
    /// languages — Hausa, Arabizi, Spanish — to tell a language the screen knows from one it does not.
    /// </summary>
    public const int CountedWordLength = 3;

    /// <summary>Known words among the words of <see cref="CountedWordLength"/> letters or more, and how many those are.</summary>
    public (int Known, int Words) Coverage(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var (known, counted) = (0, 0);
        foreach (var w in words)
        {
            if (w.Length < CountedWordLength || !w.Any(char.IsLetter))
                continue;
            counted++;
            var b = NgramFeatures.WordBucket(w, Bits);
            if ((Vocabulary[b >> 3] & (1 << (b & 7))) != 0)
                known++;
        }
        return (known, counted);
    }

    /// <summary>
    /// The message's counted words (see <see cref="Letters"/>) and how many of them have a letter of no language it was
    /// trained on (none when the file has no letters).
    /// </summary>
    public (int Unfamiliar, int Words) LetterCoverage(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (unfamiliar, words, start, any) = (0, 0, -1, false);
        for (var i = 0; i <= message.Length; i++)
        {
            if (i < message.Length && char.IsLetter(message[i]))
            {
                if (start < 0)
                    start = i;
                continue;
            }
            if (start >= 0)
            {
                var word = message.AsSpan(start, i - start);
                if (word.Length >= CountedWordLength && (!any || !char.IsUpper(word[0])))
                {
                    words++;
                    if (Letters.Length > 0 && HasUnseenLetter(word))
                        unfamiliar++;
                }
                (start, any) = (-1, true);
            }
        }
        return (unfamiliar, words);
    }

    private bool HasUnseenLetter(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
            if (!letterSet.Contains(char.ToLowerInvariant(c)))
                return true;
        return false;
    }

    /// <summary>Whether the message is written, in good part, in letters of no language it was trained on (see <see cref="Letters"/>).</summary>
    public bool HasUnfamiliarLetters(string message)
    {
        var (unfamiliar, words) = LetterCoverage(message);
        return AreUnfamiliarLetters(unfamiliar, words);
    }

    /// <summary>The rule on <see cref="LetterCoverage"/>'s counts: at least <see cref="UnfamiliarLetterWords"/> words, and a third of them.</summary>
    public static bool AreUnfamiliarLetters(int unfamiliar, int words) => unfamiliar >= UnfamiliarLetterWords && unfamiliar * 3 >= words;

    /// <summary>The letters of the texts, lower case, each once and in order: <see cref="Letters"/>.</summary>
    public static string LettersOf(IEnumerable<string> texts) =>
        new([.. texts.SelectMany(t => t).Where(char.IsLetter).Select(char.ToLowerInvariant).Distinct().Order()]);

    /// <summary>Whether the words are, with confidence, in a language the screen was not trained on.</summary>
    public bool IsUnfamiliar(IReadOnlyList<string> words)
    {
        var (known, counted) = Coverage(words);
        return counted >= UnfamiliarMinWords && known < UnfamiliarBelow * counted;
    }

    /// <summary>The features folded into fewer buckets (the language identifier's), duplicates summed.</summary>
    public static SparseVector Fold(SparseVector x, int bits)
    {
        var mask = (1 << bits) - 1;
        // Sorted by folded bucket, then by original position: duplicates are summed in the same order on every run.
        var keys = new long[x.Indices.Length];
        for (var k = 0; k < keys.Length; k++)
            keys[k] = ((long)(x.Indices[k] & mask) << 32) | (uint)k;
        Array.Sort(keys);
        var indices = new List<int>(keys.Length);
        var values = new List<float>(keys.Length);
        foreach (var key in keys)
        {
            var (bucket, value) = ((int)(key >> 32), x.Values[(int)(key & 0xFFFFFFFF)]);
            if (indices.Count > 0 && indices[^1] == bucket)
                values[^1] += value;
            else
            {
                indices.Add(bucket);
                values.Add(value);
            }
        }
        return new SparseVector([.. indices], [.. values]);
    }

    /// <summary>The vocabulary bit set of these texts' words.</summary>
    public static byte[] VocabularyOf(IEnumerable<IReadOnlyList<string>> texts, int bits)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var set = new byte[(1 << bits) / 8];
        foreach (var words in texts)
            foreach (var w in words)
            {
                var b = NgramFeatures.WordBucket(w, bits);
                set[b >> 3] |= (byte)(1 << (b & 7));
            }
        return set;
    }

    /// <summary>Reads the model file; a missing or unusable one stops the caller with a message that names it.</summary>
    public static NgramModel Load(string path)
    {
        if (!File.Exists(path))
            throw new InvalidDataException($"The n-gram report model {path} is missing: run `train intent` to make it.");
        NgramModel? model;
        try
        {
            model = JsonSerializer.Deserialize<NgramModel>(File.ReadAllBytes(path), Json);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new InvalidDataException($"The n-gram report model {path} is not a model file (not valid JSON of the expected shape): run `train intent` to make it anew.");
        }
        var problem = model is null ? "it is empty" : model.Problem();
        if (problem is not null)
            throw new InvalidDataException($"The n-gram report model {path} is corrupt: {problem}. Run `train intent` to make it anew.");
        return model!;
    }

    private string? Problem()
    {
        if (Bits is < 10 or > 24 || IdentifyBits is < 8 || IdentifyBits > Bits)
            return "its feature sizes are out of range";
        if (Report?.Weights is null || Report.Weights.Length != 1 << Bits || !Report.IsFinite)
            return $"the report weights need {1 << Bits} finite values";
        if (Languages is not { Length: > 0 } || Identifiers is null || Languages.Any(l => !Identifiers.TryGetValue(l, out var w) || w.Weights?.Length != 1 << IdentifyBits || !w.IsFinite))
            return $"each language needs {1 << IdentifyBits} finite identifier weights";
        if (Vocabulary is null || Vocabulary.Length != (1 << Bits) / 8)
            return "the vocabulary has the wrong size";
        if (Judges is null || Judges.Keys.Any(l => !Languages.Contains(l)) || Judges.Values.Any(t => t.BannerAbove is <= 0 or >= 1 || t.HandoffAbove is <= 0 or >= 1 || t.BannerAbove > t.HandoffAbove))
            return "each judged language needs thresholds 0 < bannerAbove ≤ handoffAbove < 1";
        if (RouteAbove is <= 0 or >= 1 || UnfamiliarBelow is < 0 or > 1 || UnfamiliarMinWords < 1)
            return "its routing or unfamiliar-language settings are out of range";
        return null;
    }
}

/// <summary>One logistic regression: weights (stored as 16-bit floats) and a bias.</summary>
public sealed record LinearWeights(
    [property: JsonPropertyName("weights"), JsonConverter(typeof(HalfArrayConverter))] float[] Weights,
    [property: JsonPropertyName("bias")] float Bias)
{
    [JsonIgnore] public bool IsFinite => float.IsFinite(Bias) && Weights.All(float.IsFinite);
}

/// <summary>A judged language's thresholds and what they gave on out-of-fold predictions of its corpus lines.</summary>
public sealed record LanguageThresholds(
    [property: JsonPropertyName("handoffAbove")] double HandoffAbove,
    [property: JsonPropertyName("bannerAbove")] double BannerAbove,
    [property: JsonPropertyName("validation")] LanguageFigures? Validation);

/// <summary>
/// Out-of-fold figures of one language: its lines, report recall, false handoff and banner rates on the corpus's
/// questions, the same two on the question bank's (<see cref="Bank"/>, when it was learnt from).
/// </summary>
public sealed record LanguageFigures(
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("reportRecall")] double ReportRecall,
    [property: JsonPropertyName("falseHandoffRate")] double FalseHandoffRate,
    [property: JsonPropertyName("bannerRate")] double BannerRate,
    [property: JsonPropertyName("unfamiliarRate")] double UnfamiliarRate)
{
    [JsonPropertyName("bank")] public QuestionFigures? Bank { get; init; }
}

/// <summary>Out-of-fold figures on a group of questions: how many, the false handoff and banner rates.</summary>
public sealed record QuestionFigures(
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("falseHandoffRate")] double FalseHandoffRate,
    [property: JsonPropertyName("bannerRate")] double BannerRate);
