namespace EthicsBot.Features.Disclosures;

/// <summary>What a decision did: the disclosure as it stands, whether it changed, or why not (with an HTTP-like status).</summary>
public sealed record DecisionOutcome(Disclosure? Disclosure, bool Changed, string? Refusal, int Status)
{
    public static DecisionOutcome Bad(string why) => new(null, false, why, 400);
}
