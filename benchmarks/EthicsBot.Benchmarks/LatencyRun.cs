using System.Diagnostics;
using System.Globalization;
using EthicsBot.Knowledge.Documents;
using EthicsBot.Knowledge.Search;
using EthicsBot.Knowledge.Search.Lucene;

namespace EthicsBot.Benchmarks;

/// <summary>
/// Percentiles BenchmarkDotNet does not give: every search of a long run timed on its own, p50 / p99 / max reported,
/// after a warm-up. Run with <c>--latency</c>.
/// </summary>
internal static class LatencyRun
{
    public static void Run(TextWriter output, int searches)
    {
        output.WriteLine($"{"corpus",-16} {"clauses",8} {"build ms",9} {"searches",9} {"p50 ms",8} {"p99 ms",8} {"max ms",8}");
        Measure(output, "real", Corpus.Real, "iom", searches);
        Measure(output, "synthetic-10k", Corpus.Synthetic(10_000), "synth", searches);
    }

    private static void Measure(TextWriter output, string name, IReadOnlyList<Clause> clauses, string organization, int searches)
    {
        var build = Stopwatch.StartNew();
        using var index = LuceneClauseIndex.BuildInMemory(clauses, Corpus.Synonyms);
        build.Stop();

        for (var i = 0; i < 2_000; i++)
            index.Search(new ClauseQuery(Corpus.Questions[i % Corpus.Questions.Length], organization, 5));
        var timings = new double[searches];
        for (var i = 0; i < searches; i++)
        {
            var start = Stopwatch.GetTimestamp();
            index.Search(new ClauseQuery(Corpus.Questions[i % Corpus.Questions.Length], organization, 5));
            timings[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(timings);
        string Ms(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
        output.WriteLine($"{name,-16} {index.ClauseCount,8} {build.Elapsed.TotalMilliseconds,9:0} {searches,9} {Ms(timings[searches / 2]),8} {Ms(timings[(int)(searches * 0.99)]),8} {Ms(timings[^1]),8}");
    }
}
