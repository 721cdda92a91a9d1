using EthicsBot.Knowledge.Text;
using System.Diagnostics;
using System.Globalization;
using EthicsBot.Features.Safety;
using EthicsBot.Knowledge.Embeddings;
using Microsoft.Extensions.AI;

namespace EthicsBot.Benchmarks;

/// <summary>
/// What a long message costs each step of the report screen (issue 25): time and managed bytes allocated, per step,
/// for a short question and long English and Arabic messages made by <see cref="LongText"/>. Single-threaded: the
/// allocations are this thread's (the encoder's own threads are counted in the whole screen's process-wide figure).
/// </summary>
internal static class LongMessageRun
{
    public static async Task RunAsync(TextWriter output)
    {
        var screen = DetectorRun.Load();
        var ngram = screen.Ngram!;
        using var encoder = new MiniLmEmbeddingGenerator();
        await screen.ScreenAsync("warm up the encoder");
        var messages = new (string Name, string Text)[]
        {
            ("short", "Can I accept a gift from a supplier?"),
            ("english 8 KB", LongText.English(new Random(1), 8 * 1024)), ("english 60 KB", LongText.English(new Random(2), 60 * 1024)),
            ("arabic 8 KB", LongText.Arabic(new Random(3), 8 * 1024)), ("arabic 60 KB", LongText.Arabic(new Random(4), 60 * 1024)),
        };
        foreach (var (name, text) in messages)
        {
            output.WriteLine($"{name} ({text.Length:N0} chars):");
            Step(output, "parts (all)", () => MessageParts.Of(text).Count);
            Step(output, "parts (model)", () => MessageParts.Of(text, ReportScreen.MaxModelParts).Count);
            Step(output, "rules (whole)", () => ReportDetector.Detect(text).Signals.Count);
            Step(output, "rules (each part)", () => MessageParts.Of(text).Sum(p => ReportDetector.Detect(p).Signals.Count));
            Step(output, "n-gram words", () => NgramFeatures.Words(text).Length);
            Step(output, "n-gram read (whole)", () => ngram.Read(NgramFeatures.Words(text)).Routes.Count);
            Step(output, "n-gram parts", () => MessageParts.Of(text, ReportScreen.MaxModelParts).Sum(p => ngram.Read(NgramFeatures.Words(p)).Routes.Count));
            Step(output, "unfamiliar", () => ngram.IsUnfamiliar(NgramFeatures.Words(text)) ? 1 : 0);
            Step(output, "unfamiliar letters", () => ngram.HasUnfamiliarLetters(text) ? 1 : 0);
            await StepAsync(output, "encode whole", async () => (await encoder.GenerateVectorAsync(text)).Length);
            await StepAsync(output, "screen (all)", async () => (await screen.ScreenAsync(text)).Signals.Count);
        }
    }

    private static void Step(TextWriter output, string step, Func<int> run)
    {
        run();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var t = Stopwatch.GetTimestamp();
        run();
        Report(output, step, Stopwatch.GetElapsedTime(t), GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static async Task StepAsync(TextWriter output, string step, Func<Task<int>> run)
    {
        await run();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var t = Stopwatch.GetTimestamp();
        await run();
        Report(output, step, Stopwatch.GetElapsedTime(t), GC.GetTotalAllocatedBytes(precise: true) - before);
    }

    private static void Report(TextWriter output, string step, TimeSpan time, long bytes) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {step,-20} {time.TotalMilliseconds,9:0.00} ms {bytes / 1024.0,10:N0} KB"));
}
