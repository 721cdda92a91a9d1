namespace EthicsBot.Features.Office;

/// <summary>The data of "Delete" on the erasure confirmation (verb <c>eraseConfirm</c>): whose data. Where it reaches is decided from who presses it.</summary>
public sealed record EraseData : IOfficeCardData
{
    public string? Org { get; init; }

    public string? User { get; init; }
}
