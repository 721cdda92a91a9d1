using EthicsBot.Knowledge.Documents;

namespace EthicsBot.Knowledge.Search;

/// <summary>A staff member's question, the organisation whose Code answers it, and how many clauses to return.</summary>
public sealed record ClauseQuery(string Text, string Organization, int Top = 5)
{
    public const int MaxTextLength = 2000;
    public const int MaxTop = 50;

    /// <summary>The question's sentence vector when the caller has it already (encoded once per message).</summary>
    public float[]? Vector { get; init; }

    /// <summary>
    /// Whether hits come with the clause's best-matching sentences. The search by meaning asks the keyword provider for
    /// scores only (it picks its quotes by meaning), which spares analysing fifty clauses' sentences per message.
    /// </summary>
    public bool WithSentences { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> naming the problem; every provider calls this first.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Text))
            throw new ArgumentException("The question is empty.", nameof(Text));
        if (Text.Length > MaxTextLength)
            throw new ArgumentException($"The question is {Text.Length} characters long; at most {MaxTextLength} are searched.", nameof(Text));
        if (Organization is null || !DocumentMetadata.OrganizationIdPattern().IsMatch(Organization))
            throw new ArgumentException($"\"{Organization}\" is not an organisation id (lower-case letters, digits and dashes, e.g. \"iom\").", nameof(Organization));
        if (Top is < 1 or > MaxTop)
            throw new ArgumentException($"Top must be between 1 and {MaxTop}, not {Top}.", nameof(Top));
    }
}

/// <summary>A clause found for a query: its relevance score (provider-specific scale) and the sentences that match best.</summary>
public sealed record ClauseHit(Clause Clause, double Score, IReadOnlyList<string> Sentences);

/// <summary>Finds the clauses of one organisation's Codes that answer a question, best first.</summary>
public interface IClauseSearch
{
    /// <summary>Ranked clauses of <see cref="ClauseQuery.Organization"/>; empty when nothing matches or the organisation has no Code.</summary>
    Task<IReadOnlyList<ClauseHit>> SearchAsync(ClauseQuery query, CancellationToken cancellationToken = default);
}
