namespace EthicsBot.Shared.Cards.Elements;

/// <summary>Elements grouped, with an optional style (emphasis, accent, attention).</summary>
public sealed record Container(IReadOnlyList<AdaptiveElement> Items) : AdaptiveElement
{
    public string? Style { get; init; }
}
