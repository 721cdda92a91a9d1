namespace EthicsBot.Features.Disclosures;

/// <summary>The outcome of a decision on a disclosure: the disclosure as it now stands, and whether this call changed it.</summary>
public sealed record DecisionResult(Disclosure? Disclosure, bool Changed, string? Refusal)
{
    public static DecisionResult NotFound { get; } = new(null, false, "There is no such disclosure.");
}
