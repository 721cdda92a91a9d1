using System.Text.Json.Serialization;

namespace EthicsBot.Features.Answers;

/// <summary>A clause an answer cites, with the sentences it quotes.</summary>
public sealed record CitedClause(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("number")] string Number,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("sentences")] IReadOnlyList<string> Sentences,
    [property: JsonPropertyName("links")] IReadOnlyList<string> Links)
{
    /// <summary>The clause's whole text, which a grounded answer is written from (not shown, not in <c>ask --json</c>).</summary>
    [JsonIgnore] public string Text { get; init; } = "";

    /// <summary>The title of the Code the clause belongs to ("IOM Standards of Conduct").</summary>
    [JsonIgnore] public string Code { get; init; } = "";

    /// <summary>The clause as people cite it: "IOM Standards of Conduct, para. 5.46" (the id stays in <see cref="Id"/> for machines).</summary>
    [JsonPropertyName("citation")]
    public string Citation => Code.Length > 0 ? $"{Code}, para. {Number}" : $"para. {Number}";
}
