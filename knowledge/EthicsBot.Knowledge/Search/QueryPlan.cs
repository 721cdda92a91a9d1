namespace EthicsBot.Knowledge.Search;

/// <summary>What a question is searched with: its own terms and the wordings the synonym list adds.</summary>
public sealed record QueryPlan(IReadOnlyList<string> Terms, IReadOnlyList<SynonymList.Expansion> Expansions)
{
    public static QueryPlan Create(string question, SynonymList synonyms, float synonymWeight)
    {
        ArgumentNullException.ThrowIfNull(synonyms);
        var terms = TextAnalysis.Terms(question);
        var words = TextAnalysis.Terms(question, keepStopWords: true);
        return new QueryPlan(terms, synonyms.Expand(words, terms, synonymWeight));
    }

    public bool IsEmpty => Terms.Count == 0;

    /// <summary>Weight of each term for sentence picking: the question's own terms count fully, added ones by their weight.</summary>
    public IReadOnlyDictionary<string, float> TermWeights()
    {
        var weights = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var expansion in Expansions)
            foreach (var term in expansion.Terms)
                weights[term] = Math.Max(weights.GetValueOrDefault(term), expansion.Weight);
        foreach (var term in Terms)
            weights[term] = 1f;
        return weights;
    }
}
