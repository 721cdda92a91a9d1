using EthicsBot.Knowledge.Search;
using EthicsBot.Knowledge.Search.Languages;

namespace EthicsBot.Features.Answers;

/// <summary>
/// The embedded answer: no language model, only the best sentences of the best clauses, quoted and cited.
/// It never says more than the Code does; when the best clause is weaker than <paramref name="notCoveredBelow"/>
/// it says the Code does not clearly cover the question and shows what is closest.
/// </summary>
public sealed class ExtractiveAnswerer(IClauseSearch search, double notCoveredBelow = 0, double showWithin = 0)
{
    /// <summary>How many clauses an answer cites at most (<see cref="AnswerSettings.Clauses"/>).</summary>
    public int Clauses { get; init; } = 3;

    /// <summary>The question banks in other languages: a question in one of them is answered from its bank, with its gate.</summary>
    public LanguageBankSearch Languages { get; init; } = LanguageBankSearch.None;

    /// <summary>Searches every Code of <paramref name="codes"/> and answers from the best clauses of all of them.</summary>
    public async Task<Answer> AnswerAsync(string question, string organization, IReadOnlyList<string> codes, int top, CancellationToken cancellationToken = default,
        float[]? vector = null, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(codes);
        using var span = Telemetry.BotTelemetry.StartSearch(organization);
        var inBank = Languages.Answers(language);
        var gate = inBank ? Languages.Gate(language!).Threshold : notCoveredBelow;
        var hits = new List<ClauseHit>();
        foreach (var code in codes)
        {
            var query = new ClauseQuery(question, code, top) { Vector = vector };
            query.Validate();
            hits.AddRange(inBank ? Languages.Search(question, language!, code, top) : await search.SearchAsync(query, cancellationToken).ConfigureAwait(false));
        }
        var bestScore = hits.Count > 0 ? hits.Max(h => h.Score) : 0;
        // Only clauses close to the best are shown: a far-off clause quoted beside the answer misleads.
        var cited = hits.OrderByDescending(h => h.Score).Where((h, i) => i == 0 || h.Score >= bestScore * showWithin).Take(top)
            .Select(h => new CitedClause(h.Clause.Id, h.Clause.Number, h.Clause.Title, Math.Round(h.Score, 4), h.Sentences, h.Clause.Links) { Text = h.Clause.Text, Code = h.Clause.DocumentTitle })
            .ToList();
        if (cited.Count == 0)
            return new Answer(Answer.NotCoveredKind, organization, cited,
                "The Code does not cover this, as far as I can find. I can pass your question to the ethics office.");
        var best = cited[0];
        if (best.Score < gate)
            return new Answer(Answer.NotCoveredKind, organization, cited,
                $"The Code does not clearly cover this. The closest is {best.Citation} ({best.Title}), shown below. I can pass your question to the ethics office.");
        var text = $"{best.Citation} ({best.Title}): “{QuoteText.Of(best.Sentences, int.MaxValue, best.Text)}”";
        return new Answer(Answer.AnswerKind, organization, cited, text);
    }

    public Task<Answer> AnswerAsync(ClauseQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return AnswerAsync(query.Text, query.Organization, [query.Organization], query.Top, cancellationToken);
    }
}
