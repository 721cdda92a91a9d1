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
        output.WriteLine();
        output.WriteLine("hybrid search (BM25 + bank + dense; the question's vector given, as the bot encodes it once per message):");
        MeasureHybrid(output, Corpus.Synthetic(10_000), "synth", searches / 4);
    }

    /// <summary>
    /// The semantic part over 10,000 clauses: random unit vectors stand in for encoded titles, sentences and 12 bank
    /// questions per clause (the cost of a scan does not depend on the numbers), so no model runs for an hour first.
    /// </summary>
    private static void MeasureHybrid(TextWriter output, IReadOnlyList<Clause> clauses, string organization, int searches)
    {
        const int dimensions = 384;
        var random = new Random(7);
        var entries = new List<Knowledge.Search.Semantic.VectorEntry>();
        foreach (var clause in clauses.Where(c => !c.IsHeadingOnly))
        {
            entries.Add(new(clause.Id, Knowledge.Search.Semantic.VectorKind.Title, clause.Title, entries.Count));
            foreach (var sentence in SentencePicker.Sentences(clause.Text))
                entries.Add(new(clause.Id, Knowledge.Search.Semantic.VectorKind.Sentence, sentence, entries.Count));
            for (var q = 0; q < 12; q++)
                entries.Add(new(clause.Id, Knowledge.Search.Semantic.VectorKind.Question, $"q{q}", entries.Count));
        }
        var matrix = new float[entries.Count * dimensions];
        for (var row = 0; row < entries.Count; row++)
            RandomUnit(random, dimensions).CopyTo(matrix, row * dimensions);
        var vectors = Knowledge.Search.Semantic.SemanticVectors.FromMatrix(entries, matrix, dimensions);
        using var keyword = LuceneClauseIndex.BuildInMemory(clauses, Corpus.Synonyms);
        var question = RandomUnit(random, dimensions);
        Time(output, "hybrid, all three", new Knowledge.Search.Semantic.HybridClauseSearch(keyword, null!, vectors, clauses, new()), organization, question, searches);
        Time(output, "dense part only", new Knowledge.Search.Semantic.HybridClauseSearch(new NoKeywords(), null!, vectors, clauses, new()), organization, question, searches);
        output.WriteLine($"({entries.Count} vectors for {clauses.Count} clauses)");
    }

    /// <summary>A keyword search that finds nothing, to time the semantic part alone.</summary>
    private sealed class NoKeywords : IClauseSearch
    {
        public Task<IReadOnlyList<ClauseHit>> SearchAsync(ClauseQuery query, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<ClauseHit>>([]);
    }

    private static void Time(TextWriter output, string name, IClauseSearch search, string organization, float[] question, int searches)
    {
        for (var i = 0; i < 200; i++)
            search.SearchAsync(new ClauseQuery(Corpus.Questions[i % Corpus.Questions.Length], organization, 5) { Vector = question }).GetAwaiter().GetResult();
        var timings = new double[searches];
        for (var i = 0; i < searches; i++)
        {
            var start = Stopwatch.GetTimestamp();
            search.SearchAsync(new ClauseQuery(Corpus.Questions[i % Corpus.Questions.Length], organization, 5) { Vector = question }).GetAwaiter().GetResult();
            timings[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(timings);
        string Ms(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
        output.WriteLine($"{name,-20} synthetic-10k  searches {searches,6}  p50 {Ms(timings[searches / 2])} ms  p99 {Ms(timings[(int)(searches * 0.99)])} ms  max {Ms(timings[^1])} ms");
    }

    private static float[] RandomUnit(Random random, int dimensions)
    {
        var v = new float[dimensions];
        for (var d = 0; d < dimensions; d++)
            v[d] = (float)(random.NextDouble() - 0.5);
        return Knowledge.Search.Semantic.SemanticVectors.Normalized(v);
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
