using BenchmarkDotNet.Attributes;
using EthicsBot.Knowledge.Documents;
using EthicsBot.Knowledge.Search;
using EthicsBot.Knowledge.Search.Lucene;

namespace EthicsBot.Benchmarks;

/// <summary>Clause search latency (one question, top 5) and index build time, on the real Codes and on 10,000 clauses.</summary>
[MemoryDiagnoser]
public class SearchBenchmarks
{
    private IReadOnlyList<Clause> _clauses = [];
    private LuceneClauseIndex _index = null!;
    private string _organization = "";
    private int _next;

    [Params("real", "synthetic-10k")]
    public string Corpus { get; set; } = "real";

    [GlobalSetup]
    public void Setup()
    {
        (_clauses, _organization) = Corpus == "real" ? (Benchmarks.Corpus.Real, "iom") : (Benchmarks.Corpus.Synthetic(10_000), "synth");
        _index = LuceneClauseIndex.BuildInMemory(_clauses, Benchmarks.Corpus.Synonyms);
    }

    [GlobalCleanup]
    public void Cleanup() => _index.Dispose();

    [Benchmark]
    public int Search()
    {
        var question = Benchmarks.Corpus.Questions[_next++ % Benchmarks.Corpus.Questions.Length];
        return _index.Search(new ClauseQuery(question, _organization, 5)).Count;
    }

    [Benchmark]
    public int BuildIndex()
    {
        using var index = LuceneClauseIndex.BuildInMemory(_clauses, Benchmarks.Corpus.Synonyms);
        return index.ClauseCount;
    }
}
