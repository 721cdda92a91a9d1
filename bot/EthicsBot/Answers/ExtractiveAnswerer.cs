using System.Text.Json.Serialization;
using EthicsBot.Knowledge.Search;

namespace EthicsBot.Answers;

/// <summary>What the bot answers: its kind, the clauses it cites, and the short text shown first.</summary>
public sealed record Answer(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("organization")] string Organization,
    [property: JsonPropertyName("clauses")] IReadOnlyList<CitedClause> Clauses,
    [property: JsonPropertyName("text")] string Text)
{
    public const string AnswerKind = "answer";
    public const string NotCoveredKind = "not_covered";
}

/// <summary>A clause an answer cites, with the sentences it quotes.</summary>
public sealed record CitedClause(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("number")] string Number,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("sentences")] IReadOnlyList<string> Sentences,
    [property: JsonPropertyName("links")] IReadOnlyList<string> Links);

/// <summary>
/// The embedded answer: no language model, only the best sentences of the best clauses, quoted and cited.
/// It never says more than the Code does.
/// </summary>
public sealed class ExtractiveAnswerer(IClauseSearch search)
{
    public async Task<Answer> AnswerAsync(ClauseQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var hits = await search.SearchAsync(query, cancellationToken).ConfigureAwait(false);
        var cited = hits.Select(h => new CitedClause(h.Clause.Id, h.Clause.Number, h.Clause.Title, Math.Round(h.Score, 4), h.Sentences, h.Clause.Links)).ToList();
        if (cited.Count == 0)
            return new Answer(Answer.NotCoveredKind, query.Organization, cited,
                "The Code does not seem to cover this. You can ask the ethics office directly.");
        var best = cited[0];
        var text = $"The Code says ({best.Id}, {best.Title}): “{string.Join(" ", best.Sentences)}”";
        return new Answer(Answer.AnswerKind, query.Organization, cited, text);
    }
}
