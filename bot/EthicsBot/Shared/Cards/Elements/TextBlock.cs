namespace EthicsBot.Shared.Cards.Elements;

/// <summary>Text, always wrapped; markdown as Teams renders it.</summary>
public sealed record TextBlock(string Text) : AdaptiveElement
{
    public bool Wrap { get; init; } = true;

    public string? Size { get; init; }

    public string? Weight { get; init; }

    public bool? IsSubtle { get; init; }

    public bool? Italic { get; init; }

    public string? Color { get; init; }
}
