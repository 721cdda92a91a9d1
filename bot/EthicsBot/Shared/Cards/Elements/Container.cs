namespace EthicsBot.Shared.Cards.Elements;

/// <summary>Elements grouped, with an optional style (emphasis, accent, attention).</summary>
public sealed record Container(IReadOnlyList<AdaptiveElement> Items) : AdaptiveElement
{
    public string? Style { get; init; }

    /// <summary>True: right to left (Arabic); false: left to right inside a right-to-left card (the Code's English); null: inherited.</summary>
    public bool? Rtl { get; init; }
}
