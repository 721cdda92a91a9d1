namespace EthicsBot.Knowledge.Search.Azure;

/// <summary>Configuration section <c>Search:Azure</c>. Without <see cref="ApiKey"/> the app's managed identity (or developer login) is used.</summary>
public sealed class AzureSearchOptions
{
    public const string Section = "Search:Azure";

    public string Endpoint { get; set; } = "";

    public string IndexName { get; set; } = "ethics-clauses";

    public string SynonymMapName { get; set; } = "ethics-synonyms";

    public string SemanticConfigurationName { get; set; } = "clauses";

    /// <summary>Query keys and admin keys belong in user secrets or environment variables, never in appsettings.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Rerank with the semantic ranker (needs a tier that has it).</summary>
    public bool UseSemanticRanker { get; set; }

    /// <summary>The same service and settings for another index (the ethics office's FAQ entries have one of their own).</summary>
    public AzureSearchOptions WithIndex(string indexName) => new()
    {
        Endpoint = Endpoint, ApiKey = ApiKey, IndexName = indexName, SynonymMapName = SynonymMapName,
        SemanticConfigurationName = SemanticConfigurationName, UseSemanticRanker = UseSemanticRanker,
    };

    /// <summary>The problems with these settings, each naming its configuration key; empty when usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme != Uri.UriSchemeHttps)
            problems.Add($"{Section}:Endpoint must be the https URL of the search service (e.g. https://NAME.search.windows.net), not \"{Endpoint}\".");
        if (!IsIndexName(IndexName))
            problems.Add($"{Section}:IndexName must be lower-case letters, digits and dashes, not \"{IndexName}\".");
        if (!IsIndexName(SynonymMapName))
            problems.Add($"{Section}:SynonymMapName must be lower-case letters, digits and dashes, not \"{SynonymMapName}\".");
        if (string.IsNullOrWhiteSpace(SemanticConfigurationName))
            problems.Add($"{Section}:SemanticConfigurationName is empty.");
        return problems;
    }

    private static bool IsIndexName(string name) =>
        name.Length is >= 2 and <= 128 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
        && name[0] != '-' && name[^1] != '-';
}
