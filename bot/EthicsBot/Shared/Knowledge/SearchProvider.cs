namespace EthicsBot.Shared.Knowledge;

/// <summary>Which clause search runs: the embedded Lucene.NET index (default) or Azure AI Search.</summary>
public enum SearchProvider
{
    Lucene,
    Azure,
}
