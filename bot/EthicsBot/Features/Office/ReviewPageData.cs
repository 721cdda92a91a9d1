namespace EthicsBot.Features.Office;

/// <summary>The data of "Next 5" under a page of review items (verb <c>reviewPage</c>): how many to skip, as text.</summary>
public sealed record ReviewPageData : IOfficeCardData
{
    public string? Org { get; init; }

    public string? Skip { get; init; }
}
