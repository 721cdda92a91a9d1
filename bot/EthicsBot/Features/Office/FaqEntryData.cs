namespace EthicsBot.Features.Office;

/// <summary>The data of edit and withdraw on a FAQ entry (verbs <c>faqEdit</c>, <c>faqWithdraw</c>): the entry, and the edit form's inputs.</summary>
public sealed record FaqEntryData : IOfficeCardData
{
    public string? Org { get; init; }

    public string? Id { get; init; }

    public string? Question { get; init; }

    public string? Answer { get; init; }

    /// <summary>Clause ids as typed, comma separated.</summary>
    public string? Clauses { get; init; }
}
