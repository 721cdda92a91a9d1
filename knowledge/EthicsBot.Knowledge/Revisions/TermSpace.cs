using EthicsBot.Knowledge.Search;

namespace EthicsBot.Knowledge.Revisions;

/// <summary>A text as weighted terms: stems and pairs of neighbouring stems, TF-IDF weighted.</summary>
internal sealed class TermVector(Dictionary<string, double> weights)
{
    public Dictionary<string, double> Weights { get; } = weights;

    public double Norm { get; } = Math.Sqrt(weights.Values.Sum(w => w * w));

    public double Total { get; } = weights.Values.Sum();

    public double Cosine(TermVector other)
    {
        if (Norm == 0 || other.Norm == 0)
            return 0;
        var (small, large) = Weights.Count <= other.Weights.Count ? (this, other) : (other, this);
        var dot = small.Weights.Sum(p => large.Weights.TryGetValue(p.Key, out var w) ? p.Value * w : 0);
        return dot / (Norm * other.Norm);
    }

    /// <summary>How much of this text's weight is found in <paramref name="whole"/>: near 1 when this text is a part of it.</summary>
    public double ContainedIn(TermVector whole) =>
        Total == 0 ? 0 : Weights.Where(p => whole.Weights.ContainsKey(p.Key)).Sum(p => p.Value) / Total;
}

/// <summary>
/// The vocabulary of two versions of a Code, to compare their clauses by wording. Terms are the search's own stems
/// (<see cref="TextAnalysis"/>) plus pairs of neighbouring stems, so that a shared phrase counts for more than shared
/// words; rare terms weigh more (IDF over both versions' clauses), repeated ones less (1 + log tf).
/// </summary>
internal sealed class TermSpace
{
    private readonly Dictionary<string, double> _idf;
    private readonly double _unseenIdf;

    public TermSpace(IEnumerable<string> documents)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var n = 0;
        foreach (var document in documents)
        {
            n++;
            foreach (var term in Terms(document).Distinct(StringComparer.Ordinal))
                counts[term] = counts.GetValueOrDefault(term) + 1;
        }
        _idf = counts.ToDictionary(p => p.Key, p => Math.Log(1.0 + (double)n / p.Value), StringComparer.Ordinal);
        _unseenIdf = Math.Log(1.0 + n);
    }

    public TermVector Vector(string text)
    {
        var weights = Terms(text)
            .GroupBy(t => t, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (1 + Math.Log(g.Count())) * _idf.GetValueOrDefault(g.Key, _unseenIdf), StringComparer.Ordinal);
        return new TermVector(weights);
    }

    private static IEnumerable<string> Terms(string text)
    {
        var stems = TextAnalysis.Terms(text);
        for (var i = 0; i < stems.Count; i++)
        {
            yield return stems[i];
            if (i + 1 < stems.Count)
                yield return stems[i] + " " + stems[i + 1];
        }
    }
}
