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
        ReportModel.Load(Path.Combine(Testing.RepositoryRoot.Path, "knowledge", "intent", "model.json"), MiniLmEmbeddingGenerator.Dimensions));

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
