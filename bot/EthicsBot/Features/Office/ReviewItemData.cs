namespace EthicsBot.Features.Office;

/// <summary>
/// The data of the buttons on a review item (verbs <c>reviewAnswer</c>, <c>reviewDismiss</c>, <c>reviewAssign</c>,
/// <c>faqPublish</c>): the item, and what its forms add (the answer and its clauses, or the colleague).
/// </summary>
public sealed record ReviewItemData : IOfficeCardData
{
    public string? Org { get; init; }

    public string? Id { get; init; }

    /// <summary>The question as the office worded it for the FAQ (publishing).</summary>
    public string? Question { get; init; }

    public string? Answer { get; init; }

    /// <summary>Clause ids as typed, comma separated.</summary>
    public string? Clauses { get; init; }

    public string? Assignee { get; init; }
}
