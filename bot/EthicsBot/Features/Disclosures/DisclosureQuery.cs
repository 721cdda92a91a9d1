namespace EthicsBot.Features.Disclosures;

/// <summary>
/// A page of the disclosure register: the disclosures of some organisations, filtered by form (type), status, the date
/// submitted and text in any answer (the counterparty: a supplier, a giver, an employer), newest first.
/// </summary>
public sealed record DisclosureQuery
{
    public required IReadOnlyList<string> Organizations { get; init; }
    /// <summary>The form id (gift, conflict, outside …); null for every type.</summary>
    public string? Form { get; init; }
    public string? Status { get; init; }
    /// <summary>Submitted on or after.</summary>
    public DateTimeOffset? From { get; init; }
    /// <summary>Submitted before.</summary>
    public DateTimeOffset? Before { get; init; }
    /// <summary>Text any answer contains (case-insensitive).</summary>
    public string? Text { get; init; }
    public int Skip { get; init; }
    public int Take { get; init; } = 50;

    /// <summary>Whether one disclosure passes the filters (the in-memory reading of the same query).</summary>
    public bool Matches(Disclosure disclosure)
    {
        ArgumentNullException.ThrowIfNull(disclosure);
        return Organizations.Contains(disclosure.Organization, StringComparer.Ordinal)
            && (Form is null || disclosure.FormId == Form)
            && (Status is null || disclosure.Status == Status)
            && (From is null || disclosure.Submitted >= From)
            && (Before is null || disclosure.Submitted < Before)
            && (string.IsNullOrEmpty(Text) || disclosure.Answers.Any(a => a.Display.Contains(Text, StringComparison.OrdinalIgnoreCase)));
    }
}
