using System.Diagnostics;
using System.Globalization;
using EthicsBot.Knowledge.Search.Languages;

namespace EthicsBot.Benchmarks;

/// <summary>
/// What the other languages' question banks cost (issue 23): building each language's index and measuring its gate
/// (the bot does both in the background after start), the managed memory they hold, and a search's p50/p99 — every
/// bank question asked in turn, several rounds.
/// </summary>
internal static class BankRun
{
    public static void Run(TextWriter output, int rounds)
    {
        GC.Collect();
        var before = GC.GetTotalMemory(true);
        var start = Stopwatch.StartNew();
        using var banks = LanguageBankSearch.Load(Path.Combine(Testing.RepositoryRoot.Path, "knowledge", "questions", "languages"), Corpus.Real,
            new LanguageBankWeights(), c => [c.Text]);
        foreach (var language in banks.Languages)
            banks.Gate(language);
        start.Stop();
        GC.Collect();
        var memory = GC.GetTotalMemory(true) - before;
        output.WriteLine($"banks: {string.Join(", ", banks.Languages)}; indexes built and gates measured in {start.Elapsed.TotalSeconds:0.00} s; {memory / 1e6:0.0} MB managed held");
        foreach (var language in banks.Languages)
        {
            var asked = File.ReadLines(Path.Combine(Testing.RepositoryRoot.Path, "knowledge", "questions", "languages", $"{language}.jsonl"))
                .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).Select(e => (Clause: e.GetProperty("clause").GetString()!, Question: e.GetProperty("question").GetString()!))
                .ToList();
            var timings = new List<double>();
            for (var r = 0; r < rounds; r++)
                foreach (var (clause, question) in asked)
                {
                    var t = Stopwatch.GetTimestamp();
                    banks.Search(question, language, clause.Split('-')[0], 3);
                    timings.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                }
            timings.Sort();
            string Ms(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
            output.WriteLine($"  {language}: {timings.Count} searches, p50 {Ms(timings[timings.Count / 2])} ms, p99 {Ms(timings[(int)(timings.Count * 0.99)])} ms, max {Ms(timings[^1])} ms");
        }
    }
}
