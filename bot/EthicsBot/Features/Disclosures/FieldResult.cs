namespace EthicsBot.Features.Disclosures;

/// <summary>One field's value after checking: the normalised value to keep, or the problem to show beside the field.</summary>
public readonly record struct FieldResult(string? Value, string? Error);
