using EthicsBot.Knowledge.Text;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using EthicsBot.Features.Safety;
using EthicsBot.Knowledge.Embeddings;

namespace EthicsBot.Benchmarks;

/// <summary>
/// The report screen as the bot runs it on every message: the sentence encoder, the model and the rules. Start-up is
/// loading the encoder and the model file; each message is timed on its own (run under <c>taskset -c 0</c> for one core).
/// </summary>
internal static class DetectorRun
{
    public static IReadOnlyList<string> Messages { get; } = File.ReadLines(Path.Combine(Testing.RepositoryRoot.Path, "knowledge", "intent", "corpus.jsonl"))
        .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!).ToList();

    public static ReportScreen Load() => new(new MiniLmEmbeddingGenerator(),
        ReportModel.Load(Path.Combine(Testing.RepositoryRoot.Path, "knowledge", "intent", "model.json"), MiniLmEmbeddingGenerator.Dimensions),
        LoadNgram());

    public static NgramModel LoadNgram() => NgramModel.Load(Path.Combine(Testing.RepositoryRoot.Path, "knowledge", "intent", "ngram-model.json"));

    /// <summary>Every line of the corpus and of the language files: English, French, Spanish, Arabic, Portuguese.</summary>
    public static IReadOnlyList<string> AllLanguages { get; } = Directory.GetFiles(Path.Combine(Testing.RepositoryRoot.Path, "knowledge", "intent", "languages"), "*.jsonl")
        .Order(StringComparer.Ordinal).SelectMany(File.ReadLines).Where(l => l.Trim().Length > 0)
        .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!).Concat(Messages).ToList();

    /// <summary>
    /// What the languages add to the screen: loading the n-gram model (time, managed memory), then per message the
    /// n-gram work the screen does (the whole and each part read: features, language, probability; the vocabulary
    /// check), timed alone over every line of every language.
    /// </summary>
    public static void RunNgram(TextWriter output, int rounds)
    {
        GC.Collect();
        var before = GC.GetTotalMemory(true);
        var start = Stopwatch.StartNew();
        var model = LoadNgram();
        model.Read(NgramFeatures.Words("warm up"));
        start.Stop();
        GC.Collect();
        var memory = GC.GetTotalMemory(true) - before;
        void Screen(string message)
        {
            var words = NgramFeatures.Words(message);
            model.Read(words);
            foreach (var part in MessageParts.Of(message, ReportScreen.MaxModelParts))
                model.Read(NgramFeatures.Words(part));
            model.IsUnfamiliar(words);
            model.HasUnfamiliarLetters(message);
        }
        foreach (var message in AllLanguages)
            Screen(message);
        var timings = new List<double>();
        for (var r = 0; r < rounds; r++)
            foreach (var message in AllLanguages)
            {
                var t = Stopwatch.GetTimestamp();
                Screen(message);
                timings.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        timings.Sort();
        string Ms(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
        output.WriteLine($"n-gram screen: load {start.Elapsed.TotalMilliseconds:0} ms, {memory / 1e6:0.0} MB managed; {timings.Count} messages in {model.Languages.Length} languages " +
                         $"({AllLanguages.Average(m => m.Length):0} chars on average): p50 {Ms(timings[timings.Count / 2])} ms, p99 {Ms(timings[(int)(timings.Count * 0.99)])} ms, max {Ms(timings[^1])} ms");
    }

    public static async Task RunAsync(TextWriter output, int messages)
    {
        var start = Stopwatch.StartNew();
        var screen = Load();
        await screen.ScreenAsync("warm up the encoder");
        start.Stop();
        foreach (var message in Messages.Take(200))
            await screen.ScreenAsync(message);
        var timings = new double[messages];
        for (var i = 0; i < messages; i++)
        {
            var t = Stopwatch.GetTimestamp();
            await screen.ScreenAsync(Messages[i % Messages.Count]);
            timings[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        }
        Array.Sort(timings);
        string Ms(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
        output.WriteLine($"report screen: start {start.Elapsed.TotalMilliseconds:0} ms; {messages} messages ({Messages.Average(m => m.Length):0} chars on average): " +
                         $"p50 {Ms(timings[messages / 2])} ms, p99 {Ms(timings[(int)(messages * 0.99)])} ms, max {Ms(timings[^1])} ms");
    }
}

/// <summary>BenchmarkDotNet figures for the n-gram part of the screen alone: a short Arabic and a long French message.</summary>
[MemoryDiagnoser]
public class NgramScreenBenchmarks
{
    private NgramModel _model = null!;

    [Params("arabic", "french-paragraph")]
    public string Message { get; set; } = "arabic";

    private string _text = "";

    [GlobalSetup]
    public void Setup()
    {
        _model = DetectorRun.LoadNgram();
        _text = Message == "arabic"
            ? "مديري يأخذ رشوة من المقاول منذ شهرين"
            : "Je ne sais pas si c'est le bon endroit. Depuis l'arrivée du nouveau responsable des achats, tous les marchés de carburant vont à la même société, " +
              "les devis des deux autres fournisseurs arrivent toujours juste au-dessus, et le chauffeur m'a dit que le patron est son beau-frère. " +
              "La semaine dernière il m'a demandé de signer les bons de livraison avant que le carburant arrive. Que dois-je faire ?";
    }

    [Benchmark]
    public double Read()
    {
        var words = NgramFeatures.Words(_text);
        var (_, p) = _model.Read(words);
        foreach (var part in MessageParts.Of(_text, ReportScreen.MaxModelParts))
            p = Math.Max(p, _model.Read(NgramFeatures.Words(part)).Probability);
        return _model.IsUnfamiliar(words) || _model.HasUnfamiliarLetters(_text) ? 1 : p;
    }
}

/// <summary>BenchmarkDotNet figures for one short and one long message through the report screen.</summary>
[MemoryDiagnoser]
public class ReportScreenBenchmarks
{
    private ReportScreen _screen = null!;

    [Params("short", "paragraph")]
    public string Message { get; set; } = "short";

    private string _text = "";

    [GlobalSetup]
    public void Setup()
    {
        _screen = DetectorRun.Load();
        _text = Message == "short"
            ? "my supervisor keeps asking me for a share of the per diem"
            : "Not sure if this is the right place. Since the new procurement officer arrived, every fuel tender goes to the same company, " +
              "the quotes from the other two suppliers always come in just above it, and the driver told me the owner is his brother-in-law. " +
              "Last week he asked me to sign the delivery notes before the fuel arrived. What should I do?";
    }

    [Benchmark]
    public Task<ReportVerdict> Screen() => _screen.ScreenAsync(_text);
}
