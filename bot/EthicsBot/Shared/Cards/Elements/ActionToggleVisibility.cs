namespace EthicsBot.Shared.Cards.Elements;

/// <summary>Shows or hides the elements with these ids, without a round trip to the bot.</summary>
public sealed record ActionToggleVisibility(IReadOnlyList<string> TargetElements) : AdaptiveAction;
