namespace EthicsBot.Shared.Cards.Elements;

/// <summary>A tick box: sends <see cref="ValueOn"/> or <see cref="ValueOff"/>.</summary>
public sealed record InputToggle(string Title) : AdaptiveInput
{
    public string ValueOn { get; init; } = "true";

    public string ValueOff { get; init; } = "false";

    public string? Value { get; init; }
}
