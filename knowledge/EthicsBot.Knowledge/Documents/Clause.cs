namespace EthicsBot.Knowledge.Documents;

/// <summary>One numbered paragraph of a Code, the unit every answer quotes and cites.</summary>
/// <param name="Id">Stable id, <c>&lt;org&gt;-&lt;number&gt;</c>, e.g. <c>iom-5.49</c>.</param>
/// <param name="Organization">Organisation id, e.g. <c>iom</c>.</param>
/// <param name="Number">The paragraph number as printed, without a trailing dot.</param>
/// <param name="Title">The clause heading, or the unnumbered section heading above it.</param>
/// <param name="Text">Clean text: pages joined, link lists removed, list items and footnotes kept.</param>
/// <param name="Links">Policy links that belong to the clause, in order of appearance.</param>
/// <param name="DocumentTitle">Title of the Code the clause comes from.</param>
/// <param name="Order">Position of the clause in its document, from 0.</param>
public sealed record Clause(
    string Id,
    string Organization,
    string Number,
    string Title,
    string Text,
    IReadOnlyList<string> Links,
    string DocumentTitle,
    int Order)
{
    /// <summary>
    /// A clause that is only a heading (IOM 5.0 "Standards of conduct") has nothing to quote, so no search provider
    /// indexes it; it stays in the clause list, which mirrors the Code.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsHeadingOnly => Text == Title;
}
