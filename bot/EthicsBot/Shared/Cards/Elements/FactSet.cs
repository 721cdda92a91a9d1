namespace EthicsBot.Shared.Cards.Elements;

/// <summary>Title and value pairs, laid out as a table.</summary>
public sealed record FactSet(IReadOnlyList<Fact> Facts) : AdaptiveElement;
