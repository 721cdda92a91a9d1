namespace EthicsBot.Shared.Cards.Elements;

/// <summary>What every input has: its label, whether it is required, and the message Teams shows when its own checks fail.</summary>
public abstract record AdaptiveInput : AdaptiveElement
{
    public string? Label { get; init; }

    public bool? IsRequired { get; init; }

    public string? ErrorMessage { get; init; }
}
