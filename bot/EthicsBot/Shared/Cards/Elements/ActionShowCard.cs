namespace EthicsBot.Shared.Cards.Elements;

/// <summary>Opens a card below the button (a small form), without a round trip to the bot.</summary>
public sealed record ActionShowCard(AdaptiveCard Card) : AdaptiveAction;
