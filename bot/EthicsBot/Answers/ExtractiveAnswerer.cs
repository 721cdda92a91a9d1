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
    public const string HandoffKind = "handoff";
    public const string SmallTalkKind = "smalltalk";

    /// <summary>The disclosure the question calls for (<c>gift</c>, <c>conflict</c>, <c>outside</c>), if any.</summary>
    [JsonPropertyName("disclosure")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Disclosure { get; init; }

    /// <summary>The short answer a language model wrote from the clauses (checked), when Azure OpenAI is configured.</summary>
    [JsonPropertyName("grounded")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GroundedText? Grounded { get; init; }

    /// <summary>Why the model's answer is not shown (timeout, throttling, outage, failed checks); the extractive one is.</summary>
    [JsonPropertyName("grounded_fallback")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? GroundedFallback { get; init; }

    /// <summary>
    /// The report screen was unsure (the middle band): the answer carries the handoff banner on top, and the message is
    /// treated as a report for privacy (no offer to pass it on, nothing of it kept, never sent to a language model).
    /// </summary>
    [JsonPropertyName("report_banner")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ReportBanner { get; init; }

    /// <summary>The topic asked about that the organisation's Codes have no rule of their own on (the closest clauses are shown).</summary>
    [JsonPropertyName("no_rule_on")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NoRuleOn { get; init; }

    /// <summary>The question was in this language and translated (by the language model) into English for the search.</summary>
    [JsonPropertyName("translated_from")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TranslatedFrom { get; init; }

    /// <summary>The ethics office's published answer to this question, shown before the clauses.</summary>
    [JsonPropertyName("faq")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OfficeAnswer? Faq { get; init; }
}

/// <summary>A FAQ entry the ethics office published: its question, its answer and the clauses it rests on.</summary>
public sealed record OfficeAnswer(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("answer")] string Answer,
    [property: JsonPropertyName("clauses")] IReadOnlyList<string> Clauses);

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
/// It never says more than the Code does; when the best clause is weaker than <paramref name="notCoveredBelow"/>
/// it says the Code does not clearly cover the question and shows what is closest.
/// </summary>
public sealed class ExtractiveAnswerer(IClauseSearch search, double notCoveredBelow = 0, double showWithin = 0)
{
    /// <summary>Searches every Code of <paramref name="codes"/> and answers from the best clauses of all of them.</summary>
    public async Task<Answer> AnswerAsync(string question, string organization, IReadOnlyList<string> codes, int top, CancellationToken cancellationToken = default,
        float[]? vector = null)
    {
        ArgumentNullException.ThrowIfNull(codes);
        using var span = Telemetry.BotTelemetry.StartSearch(organization);
        var hits = new List<ClauseHit>();
        foreach (var code in codes)
        {
            var query = new ClauseQuery(question, code, top) { Vector = vector };
            query.Validate();
            hits.AddRange(await search.SearchAsync(query, cancellationToken).ConfigureAwait(false));
        }
        var bestScore = hits.Count > 0 ? hits.Max(h => h.Score) : 0;
        // Only clauses close to the best are shown: a far-off clause quoted beside the answer misleads.
        var cited = hits.OrderByDescending(h => h.Score).Where((h, i) => i == 0 || h.Score >= bestScore * showWithin).Take(top)
            .Select(h => new CitedClause(h.Clause.Id, h.Clause.Number, h.Clause.Title, Math.Round(h.Score, 4), h.Sentences, h.Clause.Links))
            .ToList();
        if (cited.Count == 0)
            return new Answer(Answer.NotCoveredKind, organization, cited,
                "The Code does not cover this, as far as I can find. I can pass your question to the ethics office.");
        var best = cited[0];
        if (best.Score < notCoveredBelow)
            return new Answer(Answer.NotCoveredKind, organization, cited,
                $"The Code does not clearly cover this. The closest is {best.Number} ({best.Title}), shown below. I can pass your question to the ethics office.");
        var text = $"The Code says ({best.Id}, {best.Title}): “{string.Join(" ", best.Sentences)}”";
        return new Answer(Answer.AnswerKind, organization, cited, text);
    }

    public Task<Answer> AnswerAsync(ClauseQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return AnswerAsync(query.Text, query.Organization, [query.Organization], query.Top, cancellationToken);
    }
}
