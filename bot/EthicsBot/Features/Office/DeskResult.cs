namespace EthicsBot.Features.Office;

/// <summary>What an action on a review item or FAQ entry did: the item or entry now, or why nothing changed.</summary>
public sealed record DeskResult<T>(T? Value, string? Refusal) where T : class
{
    public static DeskResult<T> Done(T value) => new(value, null);
    public static DeskResult<T> Refused(string why, T? current = null) => new(current, why);
}
