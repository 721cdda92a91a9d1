namespace EthicsBot.Features.Answers;

/// <summary>Configuration section <c>Faq</c>.</summary>
public sealed class FaqSettings
{
    public const string Section = "Faq";

    /// <summary>
    /// The least search score of an entry that may answer, on the search provider's scale (the embedded Lucene BM25
    /// over the Codes and the FAQ together; docs/ethics-office-and-desk.md, "Publish as FAQ").
    /// </summary>
    public double MatchAbove { get; set; } = 5.0;

    /// <summary>
    /// The share of the question's words the entry's question must have, and of the entry's question's words the
    /// question must have (stemmed, without stop words): a FAQ answers the same question, not a neighbouring one.
    /// </summary>
    public double MinOverlap { get; set; } = 0.6;

    /// <summary>How often the entries are re-read from the store, so another instance's changes arrive (rebuilt only when changed).</summary>
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The Azure AI Search index the entries are uploaded to when Search:Provider is Azure.</summary>
    public string AzureIndexName { get; set; } = "ethics-faq";
}
