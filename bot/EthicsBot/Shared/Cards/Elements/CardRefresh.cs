namespace EthicsBot.Shared.Cards.Elements;

/// <summary>Teams runs this action (an <see cref="ActionExecute"/>) when someone views the card, so each viewer sees it as it now stands.</summary>
public sealed record CardRefresh(AdaptiveAction Action);
