namespace EthicsBot.Shared.Cards.Elements;

/// <summary>A choice among options: <c>expanded</c> (radio buttons) or <c>compact</c> (a drop-down).</summary>
public sealed record InputChoiceSet(IReadOnlyList<Choice> Choices) : AdaptiveInput
{
    public string? Style { get; init; }

    public string? Value { get; init; }
}
