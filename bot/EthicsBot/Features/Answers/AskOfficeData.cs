using System.Text.Json.Serialization;
using EthicsBot.Shared.Cards.Elements;

namespace EthicsBot.Features.Answers;

/// <summary>The data of "ask the ethics office" and "share my question" (verb <c>askEthicsOffice</c>); <see cref="Source"/> is <c>unhelpful</c> after a 👎.</summary>
public sealed record AskOfficeData
{
    public string? AnswerId { get; init; }

    public string? Question { get; init; }

    public string? Org { get; init; }

    [JsonConverter(typeof(ClauseIdsConverter))]
    public IReadOnlyList<string> Clauses { get; init; } = [];

    public string? Source { get; init; }
}
