namespace EthicsBot.Shared.Cards.Elements;

/// <summary>Buttons inside the body, where they belong to what is above them.</summary>
public sealed record ActionSet(IReadOnlyList<AdaptiveAction> Actions) : AdaptiveElement;
