using System.Text.Json.Serialization;
using EthicsBot.Shared.Cards.Elements;

namespace EthicsBot.Features.Answers;

/// <summary>The data of 👍/👎 under an answer (verb <c>feedback</c>): the question rides along only on 👎, and only when it may be passed on.</summary>
public sealed record FeedbackData
{
    public string? AnswerId { get; init; }

    public bool? Helpful { get; init; }

    public string? Org { get; init; }

    [JsonConverter(typeof(ClauseIdsConverter))]
    public IReadOnlyList<string> Clauses { get; init; } = [];

    public string? Question { get; init; }
}
