namespace EthicsBot.Shared.Cards.Elements;

public sealed record InputNumber : AdaptiveInput
{
    public decimal? Min { get; init; }

    public decimal? Max { get; init; }

    public string? Placeholder { get; init; }

    public decimal? Value { get; init; }
}
