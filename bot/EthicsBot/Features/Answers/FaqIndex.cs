using EthicsBot.Knowledge.Search.Azure;

namespace EthicsBot.Features.Answers;

/// <summary>
/// The FAQ entries' own Azure AI Search index (<see cref="FaqSettings.AzureIndexName"/>) when Azure is the search
/// provider; otherwise none, and the embedded index alone is searched. Registered beside the clause search.
/// </summary>
public sealed class FaqIndex(AzureSearchIndex? azure)
{
    public static FaqIndex None { get; } = new(null);

    public AzureSearchIndex? Azure => azure;
}
