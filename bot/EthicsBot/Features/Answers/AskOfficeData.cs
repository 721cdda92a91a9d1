using System.Text.Json.Serialization;
using EthicsBot.Shared.Cards.Elements;

namespace EthicsBot.Features.Answers;

/// <summary>
/// The data of "ask the ethics office", "share my question" and, under the report banner, "it's a question: send it to
/// the ethics office" (verb <c>askEthicsOffice</c>); <see cref="Source"/> is <c>unhelpful</c> after a 👎.
/// </summary>
public sealed record AskOfficeData
{
    public string? AnswerId { get; init; }

    public string? Question { get; init; }

    public string? Org { get; init; }

    [JsonConverter(typeof(ClauseIdsConverter))]
    public IReadOnlyList<string> Clauses { get; init; } = [];

    public string? Source { get; init; }

    /// <summary>
    /// Set by the button under the report banner: the asker confirmed that the message is a question, not a report of
    /// something that happened, and agreed that it is kept for the ethics office. It lets a banner-band question into the
    /// queue; a handoff-level text is never kept, whatever the data says.
    /// </summary>
    public bool? ConfirmedQuestion { get; init; }
}
