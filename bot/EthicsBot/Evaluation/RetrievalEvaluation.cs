using EthicsBot.Knowledge.Search;
using EthicsBot.Knowledge.Search.Languages;

namespace EthicsBot.Evaluation;

public static class RetrievalEvaluation
{
    public const int MrrDepth = 10;

    /// <summary>Each question that some clause answers (lines expecting none are left to <c>eval answers</c>); a question in a
    /// language with a bank in <paramref name="languages"/> is searched there, as the bot does.</summary>
    public static async Task<IReadOnlyList<RetrievalResult>> RunAsync(IClauseSearch search, IEnumerable<RetrievalCase> cases, LanguageBankSearch? languages = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(cases);
        var results = new List<RetrievalResult>();
        foreach (var c in cases.Where(c => !c.ExpectsNone))
        {
            var hits = languages?.Answers(c.Lang) == true
                ? languages.Search(c.Question, c.Lang!, c.Organization, MrrDepth)
                : await search.SearchAsync(new ClauseQuery(c.Question, c.Organization, MrrDepth), cancellationToken).ConfigureAwait(false);
            var ranked = hits.Select(h => h.Clause.Id).ToList();
            var index = ranked.FindIndex(c.Expected.Contains);
            results.Add(new RetrievalResult(c, index < 0 ? null : index + 1, ranked, hits.Count > 0 ? hits[0].Score : 0));
        }
        return results;
    }

    public static RetrievalSummary Summarize(IReadOnlyList<RetrievalResult> results, int k)
    {
        ArgumentNullException.ThrowIfNull(results);
        var n = results.Count;
        var recall = n == 0 ? 0 : results.Count(r => r.Rank <= k) / (double)n;
        var first = n == 0 ? 0 : results.Count(r => r.Rank == 1) / (double)n;
        var mrr = n == 0 ? 0 : results.Sum(r => r.Rank is { } rank ? 1.0 / rank : 0) / n;
        return new RetrievalSummary(n, k, Math.Round(first, 4), Math.Round(recall, 4), Math.Round(mrr, 4));
    }
}
