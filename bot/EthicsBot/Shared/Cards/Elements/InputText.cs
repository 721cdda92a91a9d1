namespace EthicsBot.Shared.Cards.Elements;

public sealed record InputText : AdaptiveInput
{
    public int? MaxLength { get; init; }

    public bool? IsMultiline { get; init; }

    public string? Placeholder { get; init; }

    public string? Value { get; init; }
}
