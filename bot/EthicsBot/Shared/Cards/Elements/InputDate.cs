namespace EthicsBot.Shared.Cards.Elements;

/// <summary>A date input; dates are <c>yyyy-MM-dd</c>.</summary>
public sealed record InputDate : AdaptiveInput
{
    public string? Max { get; init; }

    public string? Placeholder { get; init; }

    public string? Value { get; init; }
}
