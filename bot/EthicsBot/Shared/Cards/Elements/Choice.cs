namespace EthicsBot.Shared.Cards.Elements;

/// <summary>One option of an <see cref="InputChoiceSet"/>: what is shown, and what is sent.</summary>
public sealed record Choice(string Title, string Value);
