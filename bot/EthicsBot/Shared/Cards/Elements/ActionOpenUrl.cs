namespace EthicsBot.Shared.Cards.Elements;

public sealed record ActionOpenUrl(string Url) : AdaptiveAction;
